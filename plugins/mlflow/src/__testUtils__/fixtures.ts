// Test-only: answers of the MLflow backend in its documented shapes, and a mock API.
import { ResponseError } from '@backstage/errors';
import type {
  ChampionCard,
  RegisteredModelView,
  RunsPage,
  RunSummary,
} from '@internal/plugin-mlflow-common';
import type { MlflowApi } from '../api';

export function run(
  i: number,
  overrides: Partial<RunSummary> = {},
): RunSummary {
  return {
    runId: `${String(i).padStart(2, '0')}${'a'.repeat(30)}`,
    runName: `run-${i}`,
    status: 'FINISHED',
    startTime: Date.parse('2026-11-20T10:00:00Z') + i * 60_000,
    endTime: Date.parse('2026-11-20T10:00:30Z') + i * 60_000,
    durationMs: 30_000,
    user: 'amira.haddad',
    params: { lr: i % 2 ? '0.01' : '0.1', epochs: '8' },
    metrics: { val_loss: 1 / (i + 2), val_accuracy: 0.9 },
    tags: { team: 'nlp-team' },
    uiUrl: `http://mlflow.example/#/experiments/1/runs/${i}`,
    ...overrides,
  };
}

export function page(runs: RunSummary[], nextPageToken?: string): RunsPage {
  return {
    server: 'local',
    experimentId: '1',
    experimentName: 'nlp-team/support-ticket-classifier',
    runs,
    nextPageToken,
  };
}

export function model(
  overrides: Partial<RegisteredModelView> = {},
): RegisteredModelView {
  return {
    server: 'local',
    name: 'support-ticket-classifier',
    description: 'Routes tickets.',
    tags: { team: 'nlp-team' },
    aliases: { champion: '3', challenger: '1' },
    versions: [3, 2, 1].map(v => ({
      version: String(v),
      aliases: { 3: ['champion'], 1: ['challenger'] }[v] ?? [],
      status: 'READY',
      runId: `run-of-${v}`,
      source: `models:/m-${v}`,
      creationTime: Date.parse('2026-11-20T12:00:00Z') + v * 60_000,
      uiUrl: `http://mlflow.example/#/models/support-ticket-classifier/versions/${v}`,
    })),
    loggedModels: [
      {
        modelId: 'm-3',
        name: 'model',
        status: 'LOGGED_MODEL_READY',
        sourceRunId: 'run-of-3',
        metrics: { val_accuracy: 0.97 },
      },
    ],
    uiUrl: 'http://mlflow.example/#/models/support-ticket-classifier',
    ...overrides,
  };
}

export function champion(withChampion = true): ChampionCard {
  const m = model();
  return {
    server: 'local',
    model: m.name,
    champion: withChampion
      ? { ...m.versions[0], run: run(3, { runName: 'sgd-a0.01' }) }
      : undefined,
  };
}

export function mockMlflowApi(overrides: Partial<MlflowApi> = {}) {
  const api: jest.Mocked<MlflowApi> = {
    servers: jest.fn(async () => [
      { name: 'local', uiUrl: 'http://mlflow.example/#/' },
    ]),
    runs: jest.fn(async () => page([run(0), run(1)])),
    metricHistory: jest.fn(async (_server, runId, key) => ({
      runId,
      key,
      points: [0, 1, 2].map(step => ({
        step,
        value: 1 / (step + 1),
        timestamp: step,
      })),
    })),
    model: jest.fn(async () => model()),
    champion: jest.fn(async () => champion()),
    ...overrides,
  } as jest.Mocked<MlflowApi>;
  return api;
}

export async function responseError(statusCode: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode },
      }),
      { status: statusCode, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
