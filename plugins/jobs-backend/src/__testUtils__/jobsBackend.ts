// Test-only: the jobs plugin in a test backend on the local kube-apiserver, next to the real GPU
// quota and cost plugins it relies on, with users in a team of the test's own.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
// The real plugins the jobs backend calls, so the tests cover the whole path (test code only).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import costPlugin from '@internal/plugin-cost-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import gpuQuotaPlugin from '@internal/plugin-gpu-quota-backend';
import {
  fakeIdentity,
  kubeConfig,
  servicesConfig,
} from '@internal/plugin-mlp-kube-node/testUtils';
import * as k8s from '@kubernetes/client-node';
import request from 'supertest';
import { jobsPlugin } from '../plugin';

export const SCIENTIST = 'user:default/amira.haddad';
export const OUTSIDER = 'user:default/li.wei';
export const core = kubeConfig('admin').makeApiClient(k8s.CoreV1Api);
export const custom = kubeConfig('admin').makeApiClient(k8s.CustomObjectsApi);

/**
 * A team namespace with a GPU quota and a per-container maximum, as onboarding makes it
 * (limitRangeManifest): the default of 0 keeps Argo's init and wait containers from being
 * given the maximum as their limit.
 */
export async function createTeam(
  team: string,
  gpus: number,
  maxPerJob: number,
) {
  const labels = {
    'mlplatform.dev/team': team,
    'app.kubernetes.io/managed-by': 'mlp-portal',
  };
  await core.createNamespace({ body: { metadata: { name: team, labels } } });
  await core.createNamespacedResourceQuota({
    namespace: team,
    body: {
      metadata: { name: 'gpu-quota', labels },
      spec: { hard: { 'requests.nvidia.com/gpu': String(gpus) } },
    },
  });
  await core.createNamespacedLimitRange({
    namespace: team,
    body: {
      metadata: { name: 'gpu-limits', labels },
      spec: {
        limits: [
          {
            type: 'Container',
            max: { 'nvidia.com/gpu': String(maxPerJob) },
            // client-node's model spells `default` as `_default`.
            _default: { 'nvidia.com/gpu': '0' },
            defaultRequest: { 'nvidia.com/gpu': '0' },
          },
        ],
      },
    },
  });
}

export async function workflowsIn(team: string): Promise<string[]> {
  const list = (await custom.listNamespacedCustomObject({
    group: 'argoproj.io',
    version: 'v1alpha1',
    namespace: team,
    plural: 'workflows',
  })) as { items: Array<{ metadata: { name: string } }> };
  return list.items.map(w => w.metadata.name);
}

export async function startJobsBackend(team: string) {
  const services = servicesConfig().get() as Record<string, unknown>;
  const backend = await startTestBackend({
    features: [
      jobsPlugin,
      gpuQuotaPlugin,
      costPlugin,
      ...fakeIdentity({
        groups: { [SCIENTIST]: [`group:default/${team}`] },
        allow: () => true,
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          ...services,
          gpuQuota: { cacheMaxAgeSeconds: 0.2 },
          cost: {
            currency: 'EUR',
            gpuRates: [{ resource: 'nvidia.com/gpu', hourlyRate: 2.5 }],
            syncSeconds: 3600,
          },
          jobs: {
            ...((services.jobs as object | undefined) ?? {}),
            artifactRoot: 's3://ml-artifacts/',
          },
        },
      }),
    ],
  });
  const as = (user: string) => {
    const header = mockCredentials.user.header(user);
    return {
      get: (path: string) =>
        request(backend.server).get(path).set('Authorization', header),
      post: (path: string, body: object) =>
        request(backend.server)
          .post(path)
          .set('Authorization', header)
          .send(body),
      put: (path: string, body: object) =>
        request(backend.server)
          .put(path)
          .set('Authorization', header)
          .send(body),
      delete: (path: string) =>
        request(backend.server).delete(path).set('Authorization', header),
    };
  };
  return { backend, as };
}
