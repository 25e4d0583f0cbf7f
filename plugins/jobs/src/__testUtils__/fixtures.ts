// Test-only: jobs, a mock API and backend error answers.
import { ResponseError } from '@backstage/errors';
import type { Job } from '@internal/plugin-jobs-common';
import type { JobsApi, MyTeams } from '../api';

export function job(overrides: Partial<Job> = {}): Job {
  return {
    id: 'bert-finetuning-x7k2p',
    name: 'bert-finetuning',
    team: 'nlp-team',
    phase: 'Running',
    attempts: 1,
    node: 'gpu-a100-0',
    image: 'ml-training:latest',
    script: 'train.py',
    gpus: 2,
    gpuResource: 'nvidia.com/gpu',
    memory: '16Gi',
    cpu: '4',
    timeoutHours: 8,
    retries: 0,
    submittedBy: 'user:default/alex.kim',
    createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    startedAt: new Date(Date.now() - 4 * 60_000).toISOString(),
    runtimeSeconds: 3723,
    costSoFar: 12.5,
    estimatedCost: 40,
    currency: 'EUR',
    reservationId: 'res-1',
    mlflow: {
      experiment: 'nlp-team/bert-finetuning',
      url: 'https://mlflow.example.com/#/experiments',
    },
    pods: ['bert-finetuning-x7k2p-main'],
    ...overrides,
  };
}

/** One job in each phase, newest first. */
export function jobsInEveryPhase(): Job[] {
  return [
    job({
      id: 'pending-1',
      name: 'waiting',
      phase: 'Pending',
      gpus: 4,
      startedAt: undefined,
      runtimeSeconds: 0,
      node: undefined,
      waitingFor:
        'waiting for GPUs: no node has 4 free nvidia.com/gpu (largest free: 2)',
    }),
    // Argo also has messages for running workflows; only a failure's is shown
    job({
      id: 'running-1',
      name: 'training',
      phase: 'Running',
      message: 'child pod is running',
    }),
    job({ id: 'succeeded-1', name: 'done', phase: 'Succeeded' }),
    job({
      id: 'failed-1',
      name: 'crashed',
      phase: 'Failed',
      message: 'Error (exit code 1)',
    }),
    job({
      id: 'error-1',
      name: 'evicted',
      phase: 'Error',
      message: 'pod deleted',
    }),
  ];
}

export const myTeams: MyTeams = {
  userEntityRef: 'user:default/alex.kim',
  teams: ['nlp-team', 'vision-team'],
  mayDecide: false,
};

/** Every method a jest mock; tests replace the answers they need. */
export function mockJobsApi(
  overrides: Partial<Record<keyof JobsApi, jest.Mock>> = {},
): jest.Mocked<JobsApi> {
  const defaults: jest.Mocked<JobsApi> = {
    listJobs: jest.fn(async (_team?: string) => [job()]),
    getJob: jest.fn(async (id: string) => job({ id })),
    getLogs: jest.fn(async (_id: string) => 'epoch 1 loss 0.42\n'),
    cancelJob: jest.fn(async (id: string) => job({ id })),
    myTeams: jest.fn(async () => myTeams),
    getBackendUrl: jest.fn(async () => 'https://portal.example.com'),
  };
  return { ...defaults, ...overrides } as jest.Mocked<JobsApi>;
}

/** A ResponseError as JobsClient throws it for a backend error answer. */
export async function responseError(
  statusCode: number,
  name: string,
  message: string,
) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({ error: { name, message }, response: { statusCode } }),
      { status: statusCode, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
