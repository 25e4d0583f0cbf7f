// Test-only: answers of the MLflow backend in its documented shapes, and a mock API.
import { ResponseError } from '@backstage/errors';
import type {
  ChampionCard,
  ModelOverview,
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

/**
 * The overview of the fixture model: champion version 3 (run sgd-a0.01, moved by the portal's
 * tools on 2026-11-21 09:30 UTC) and challenger version 1 (moved some other way).
 */
export function overview(
  overrides: Partial<ModelOverview> = {},
): ModelOverview {
  const m = model();
  const [v3, , v1] = m.versions;
  return {
    server: 'local',
    model: m.name,
    uiUrl: m.uiUrl,
    keyMetric: 'val_accuracy',
    aliases: [
      {
        alias: 'champion',
        modelVersion: {
          ...v3,
          run: run(3, {
            runName: 'sgd-a0.01',
            metrics: {
              val_accuracy: 0.91234,
              val_loss: 0.2,
              train_loss: 0.15,
              val_f1_macro: 0.88,
              epoch_time: 12,
            },
          }),
        },
        movedAt: Date.parse('2026-11-21T09:30:00Z'),
      },
      {
        alias: 'challenger',
        modelVersion: {
          ...v1,
          run: run(1, {
            runName: 'sgd-a0.1',
            metrics: { val_accuracy: 0.87, val_loss: 0.3 },
          }),
        },
        movedAtUnknown:
          "moved outside the portal's tools: no mlp.alias.challenger tag records when",
      },
    ],
    ...overrides,
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
    overview: jest.fn(async () => overview()),
    teamRuns: jest.fn(async () => ({
      server: 'local',
      team: 'nlp-team',
      experiments: [],
      runs: [],
      jobFigures: true,
      truncated: false,
    })),
    teamRunsCsv: jest.fn(async () => new Blob(['run_id\r\n'])),
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
