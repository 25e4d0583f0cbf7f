import { ResponseError } from '@backstage/errors';
import type {
  CreateQuotaRequest,
  GpuQuotaOverview,
  QuotaRequest,
  TeamGpuQuota,
  TeamGpuQuotaAnswer,
} from '@internal/plugin-gpu-quota-common';
import type { GpuQuotaApi, GpuQuotaMe } from '../api';

export const nlpTeam: TeamGpuQuota = {
  team: 'nlp-team',
  namespace: 'nlp-team',
  pressure: 0.5,
  resources: [
    {
      resource: 'nvidia.com/gpu',
      hard: 8,
      used: 4,
      available: 4,
      maxPerJob: 4,
    },
    {
      resource: 'nvidia.com/mig-1g.10gb',
      hard: 2,
      used: 0,
      available: 2,
    },
  ],
  workloads: [
    {
      pod: 'train-support-model-x7k2p',
      owner: { kind: 'Job', name: 'train-support-model' },
      gpus: { 'nvidia.com/gpu': 4 },
      phase: 'Running',
      since: new Date(Date.now() - 5 * 60_000).toISOString(),
    },
  ],
};

export const visionTeam: TeamGpuQuota = {
  team: 'vision-team',
  namespace: 'vision-team',
  pressure: 15 / 16,
  resources: [{ resource: 'nvidia.com/gpu', hard: 16, used: 15, available: 1 }],
  workloads: [],
};

export const speechTeam: TeamGpuQuota = {
  team: 'speech-team',
  namespace: 'speech-team',
  pressure: 0.25,
  resources: [{ resource: 'nvidia.com/gpu', hard: 32, used: 8, available: 24 }],
  workloads: [],
};

export function okTeamAnswer(
  quota: TeamGpuQuota = nlpTeam,
  secondsAgo = 12,
): TeamGpuQuotaAnswer {
  return {
    status: 'ok',
    fetchedAt: new Date(Date.now() - secondsAgo * 1000).toISOString(),
    maxAgeSeconds: 30,
    quota,
  };
}

export function okOverview(
  teams: TeamGpuQuota[] = [nlpTeam, visionTeam, speechTeam],
): GpuQuotaOverview {
  return {
    status: 'ok',
    fetchedAt: new Date(Date.now() - 12_000).toISOString(),
    maxAgeSeconds: 30,
    teams,
  };
}

export function quotaRequest(
  overrides: Partial<QuotaRequest> = {},
): QuotaRequest {
  return {
    id: '5b0e8f9e-2a55-4a3b-9d55-6a1f7d8b7c01',
    team: 'nlp-team',
    namespace: 'nlp-team',
    resource: 'nvidia.com/gpu',
    currentAmount: 8,
    requestedAmount: 12,
    justification: 'fine-tune the support model before the release',
    durationDays: 14,
    requestedBy: 'user:default/alex.kim',
    status: 'pending',
    createdAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
    updatedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
    ...overrides,
  };
}

export const member: GpuQuotaMe = {
  userEntityRef: 'user:default/alex.kim',
  teams: ['nlp-team'],
  mayDecide: false,
};

export const keeper: GpuQuotaMe = {
  userEntityRef: 'user:default/morgan.lee',
  teams: ['platform-team'],
  mayDecide: true,
};

/** Every method a jest mock; tests replace the answers they need. */
export function mockGpuQuotaApi(
  overrides: Partial<Record<keyof GpuQuotaApi, jest.Mock>> = {},
): jest.Mocked<GpuQuotaApi> {
  const defaults: jest.Mocked<GpuQuotaApi> = {
    getOverview: jest.fn(async () => okOverview()),
    getTeamQuota: jest.fn(async (_team: string) => okTeamAnswer()),
    getMe: jest.fn(async () => member),
    listRequests: jest.fn(async () => []),
    createRequest: jest.fn(async (_request: CreateQuotaRequest) =>
      quotaRequest(),
    ),
    approveRequest: jest.fn(async (_id: string, _comment?: string) =>
      quotaRequest({ status: 'approved' }),
    ),
    rejectRequest: jest.fn(async (_id: string, _comment: string) =>
      quotaRequest({ status: 'rejected' }),
    ),
    cancelRequest: jest.fn(async (_id: string, _comment?: string) =>
      quotaRequest({ status: 'cancelled' }),
    ),
    listAuditEvents: jest.fn(async () => []),
    exportAuditCsv: jest.fn(async () => new Blob(['at,team\n'])),
  };
  return { ...defaults, ...overrides } as jest.Mocked<GpuQuotaApi>;
}

/** A ResponseError as GpuQuotaClient throws it for a backend error answer. */
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
