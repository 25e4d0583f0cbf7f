// Test-only: the Coder backend plugin in a test backend, against a fake Coder, with the GPU
// quota and cost plugins' services replaced by recorders whose answers each test sets.
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import type { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import {
  costBudgetServiceRef,
  type CostBudgetService,
} from '@internal/plugin-cost-node';
import {
  gpuQuotaReaderServiceRef,
  type GpuQuotaReader,
} from '@internal/plugin-gpu-quota-node';
import type { TeamGpuQuotaAnswer } from '@internal/plugin-gpu-quota-common';
import request from 'supertest';
import { coderPlugin } from '../plugin';

export const TEST_KEY = Buffer.alloc(32, 9).toString('base64');

/** A team quota answer of the GPU quota plugin with these figures. */
export function quotaAnswer(
  team: string,
  figures: { hard: number; used: number; maxPerJob?: number },
): TeamGpuQuotaAnswer {
  return {
    status: 'ok',
    fetchedAt: new Date().toISOString(),
    maxAgeSeconds: 15,
    quota: {
      team,
      namespace: team,
      pressure: figures.used / figures.hard,
      workloads: [],
      resources: [
        {
          resource: 'nvidia.com/gpu',
          hard: figures.hard,
          used: figures.used,
          available: Math.max(0, figures.hard - figures.used),
          ...(figures.maxPerJob ? { maxPerJob: figures.maxPerJob } : {}),
        },
      ],
    },
  };
}

/** An error answer of another plugin's backend, as Backstage's error middleware writes it. */
export function backendRefusal(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/' },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

export type Gates = {
  quota: jest.Mock<
    ReturnType<GpuQuotaReader['team']>,
    Parameters<GpuQuotaReader['team']>
  >;
  check: jest.Mock<
    ReturnType<CostBudgetService['check']>,
    Parameters<CostBudgetService['check']>
  >;
  release: jest.Mock<
    ReturnType<CostBudgetService['release']>,
    Parameters<CostBudgetService['release']>
  >;
};

export function recordingGates(): Gates {
  return {
    quota: jest.fn(async (team: string, _options) =>
      quotaAnswer(team, { hard: 8, used: 2 }),
    ),
    check: jest.fn(async (input, _options) => ({
      reservation: {
        id: `r-${input.reference}`,
        team: input.team,
        resource: 'nvidia.com/gpu',
        gpus: input.gpus,
        hours: input.hours,
        estimate: input.gpus * input.hours * 2.5,
        currency: 'EUR',
        requestedBy: 'user:default/amira',
        createdAt: new Date().toISOString(),
        expiresAt: new Date().toISOString(),
      },
      status: {} as never,
    })),
    release: jest.fn(async (_id: string, _options) => {}),
  };
}

export async function startCoderBackend(options: {
  coder?: JsonObject;
  gates?: Gates;
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}) {
  const gates = options.gates ?? recordingGates();
  const backend = await startTestBackend({
    features: [
      coderPlugin,
      mockServices.rootConfig.factory({
        data: options.coder ? { coder: options.coder } : {},
      }),
      ...(options.permission
        ? [mockServices.permissions.factory({ result: options.permission })]
        : []),
      createServiceFactory({
        service: gpuQuotaReaderServiceRef,
        deps: {},
        factory: () => ({ team: gates.quota }),
      }),
      createServiceFactory({
        service: costBudgetServiceRef,
        deps: {},
        factory: () => ({ check: gates.check, release: gates.release }),
      }),
    ],
  });
  /** A request to /api/coder as the given portal user. */
  const as = (user: string) => {
    const header = mockCredentials.user.header(`user:default/${user}`);
    const at = (path: string) => `/api/coder${path}`;
    return {
      get: (path: string) =>
        request(backend.server).get(at(path)).set('Authorization', header),
      put: (path: string, body: object) =>
        request(backend.server)
          .put(at(path))
          .set('Authorization', header)
          .send(body),
      post: (path: string, body: object) =>
        request(backend.server)
          .post(at(path))
          .set('Authorization', header)
          .send(body),
      delete: (path: string) =>
        request(backend.server).delete(at(path)).set('Authorization', header),
    };
  };
  return { backend, gates, as };
}
