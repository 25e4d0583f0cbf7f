// Test-only: deployments, endpoints, lineage and audit events as the backend answers them, and a
// mock deployments API whose calls the tests read.
import { ResponseError } from '@backstage/errors';
import type {
  AuditEvent,
  Deployment,
  Endpoint,
  Lineage,
  ModelDeployments,
} from '@internal/plugin-deployments-common';
import type { DeploymentsApi } from '../api';

export const MODEL = 'support-ticket-classifier';
export const ME = 'user:default/amira.haddad';
export const LEAD = 'user:default/jonas.berg';

export function deployment(overrides: Partial<Deployment> = {}): Deployment {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    model: MODEL,
    environment: 'staging',
    team: 'nlp-team',
    version: '2',
    replicas: 2,
    gpus: 1,
    status: 'live',
    requestedBy: ME,
    requestedAt: '2026-12-07T10:00:00.000Z',
    decidedBy: ME,
    decidedAt: '2026-12-07T10:00:00.000Z',
    namespace: 'nlp-team',
    inferenceService: `${MODEL}-staging`,
    modelUri: 's3://ml-artifacts/5/models/m-1/artifacts',
    ...overrides,
  };
}

export const readyStaging: Endpoint = {
  environment: 'staging',
  namespace: 'nlp-team',
  inferenceService: `${MODEL}-staging`,
  exists: true,
  ready: true,
  replicas: 2,
  readyReplicas: 2,
  url: `http://${MODEL}-staging-nlp-team.example.com`,
  versionServed: '2',
  pods: [
    { name: 'p-1', phase: 'Running', node: 'gpu-a100-0', ready: true },
    { name: 'p-2', phase: 'Running', node: 'gpu-a100-1', ready: true },
  ],
};

export const noProduction: Endpoint = {
  environment: 'production',
  namespace: 'nlp-team',
  inferenceService: `${MODEL}-production`,
  exists: false,
  ready: false,
  replicas: 0,
  readyReplicas: 0,
  pods: [],
};

export function modelView(
  overrides: Partial<ModelDeployments> = {},
): ModelDeployments {
  return {
    model: MODEL,
    team: 'nlp-team',
    deployments: [
      deployment(),
      deployment({
        id: '00000000-0000-4000-8000-000000000000',
        version: '1',
        status: 'superseded',
        decidedAt: '2026-12-06T10:00:00.000Z',
        requestedAt: '2026-12-06T10:00:00.000Z',
      }),
    ],
    endpoints: [readyStaging, noProduction],
    canApprove: false,
    canDeploy: true,
    maxReplicas: 4,
    ...overrides,
  };
}

export const events: AuditEvent[] = [
  {
    id: 1,
    deploymentId: 'a',
    model: MODEL,
    environment: 'staging',
    version: '1',
    action: 'requested',
    actor: ME,
    at: '2026-12-06T10:00:00.000Z',
  },
  {
    id: 2,
    deploymentId: 'a',
    model: MODEL,
    environment: 'staging',
    version: '1',
    action: 'deployed',
    actor: ME,
    at: '2026-12-06T10:00:00.000Z',
    detail: 'version 1 to staging',
  },
  {
    id: 3,
    deploymentId: 'b',
    model: MODEL,
    environment: 'staging',
    version: '2',
    action: 'deployed',
    actor: ME,
    at: '2026-12-07T10:00:00.000Z',
    detail: 'version 2 to staging',
  },
  {
    id: 4,
    deploymentId: 'a',
    model: MODEL,
    environment: 'staging',
    version: '1',
    action: 'superseded',
    actor: ME,
    at: '2026-12-07T10:00:00.000Z',
    detail: 'replaced by version 2',
  },
];

export const lineage: Lineage = {
  model: MODEL,
  version: '2',
  versionStatus: 'READY',
  modelUri: 's3://ml-artifacts/5/models/m-1/artifacts',
  versionUrl: `http://mlflow.example/#/models/${MODEL}/versions/2`,
  dataset: { name: 'support-tickets@2026-11' },
  run: {
    id: 'abcdef1234',
    name: 'bert-run',
    status: 'FINISHED',
    experimentId: '3',
    url: 'http://mlflow.example/#/experiments/3/runs/abcdef1234',
  },
  job: {
    id: 'bert-x2k9',
    phase: 'Succeeded',
    gpuHours: 1.5,
    cost: 3.75,
    currency: 'EUR',
  },
  deployments: [
    {
      id: 'b',
      environment: 'staging',
      status: 'live',
      requestedAt: '2026-12-07T10:00:00.000Z',
    },
  ],
};

export function mockDeploymentsApi(overrides: Partial<DeploymentsApi> = {}) {
  return {
    getModel: jest.fn(async () => modelView()),
    getAudit: jest.fn(async () => events),
    getLineage: jest.fn(async () => lineage),
    deploy: jest.fn(async () => ({ deployment: deployment() })),
    approve: jest.fn(async () => ({
      deployment: deployment({ environment: 'production' }),
    })),
    reject: jest.fn(async () => deployment({ status: 'rejected' })),
    rollback: jest.fn(async () => ({
      deployment: deployment({ version: '1' }),
    })),
    ...overrides,
  } satisfies DeploymentsApi;
}

/** A refusal as the backend's error middleware sends it. */
export async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'InputError', message },
        response: { statusCode: status },
      }),
      {
        status,
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}
