// Test-only: the jobs plugin in a test backend on the local kube-apiserver, next to the real GPU
// quota and cost plugins it relies on, with users in a team of the test's own; and what the
// integration tests on the live cluster (lifecycle, faults) share: waiting, submitting and reading
// jobs, their pods and their cost.
import type { CostLine } from '@internal/plugin-cost-common';
import {
  coreServices,
  createServiceFactory,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
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
  podTimes,
  servicesConfig,
  waitUntil,
} from '@internal/plugin-mlp-kube-node/testUtils';
import * as k8s from '@kubernetes/client-node';
import request from 'supertest';
import { jobsPlugin } from '../plugin';

export const SCIENTIST = 'user:default/amira.haddad';
export const OUTSIDER = 'user:default/li.wei';
export const core = kubeConfig('admin').makeApiClient(k8s.CoreV1Api);
export const custom = kubeConfig('admin').makeApiClient(k8s.CustomObjectsApi);
/** EUR per GPU-hour of nvidia.com/gpu, as startJobsBackend's cost config bills it. */
export const GPU_RATE = 2.5;

/** Polls `check` until it gives a value (mlp-kube-node's waitUntil), by default for 120 s. */
export const until = <T>(
  what: string,
  check: () => Promise<T | undefined>,
  seconds = 120,
): Promise<T> => waitUntil(what, check, seconds);

/** What every test job of a team asks for; a test adds its name, GPUs and simulated run. */
export function jobBase(team: string) {
  return {
    team,
    image: 'ml-training:latest',
    script: 'train.py',
    memory: '8Gi',
    cpu: '2',
    timeoutHours: 1,
  };
}

/** The pods of a job as the API server has them: start and end from their own timestamps. */
export async function podsOf(team: string, id: string) {
  const pods = await core.listNamespacedPod({
    namespace: team,
    labelSelector: `workflows.argoproj.io/workflow=${id}`,
  });
  return pods.items.map(p => ({
    name: p.metadata!.name!,
    node: p.spec!.nodeName,
    phase: p.status!.phase,
    ...podTimes(p),
  }));
}

/** Seconds from a to b. */
export const secondsBetween = (a: Date | string, b: Date | string) =>
  (new Date(b).getTime() - new Date(a).getTime()) / 1000;

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

/**
 * The jobs, GPU quota and cost plugins in a test backend; SCIENTIST is in `team`. Other tests
 * (platform metrics) add plugins, users and config, and a scheduler whose tasks they trigger.
 */
export async function startJobsBackend(
  team: string,
  options: {
    features?: Parameters<typeof startTestBackend>[0]['features'];
    /** Users' groups besides SCIENTIST's. */
    groups?: Record<string, string[]>;
    allow?: (user: string, permission: string) => boolean;
    /** Tasks are run only when the test triggers them (scheduler.triggerTask). */
    scheduler?: SchedulerService;
    config?: Record<string, unknown>;
  } = {},
) {
  const services = servicesConfig().get() as Record<string, unknown>;
  const backend = await startTestBackend({
    features: [
      jobsPlugin,
      gpuQuotaPlugin,
      costPlugin,
      ...(options.features ?? []),
      ...fakeIdentity({
        groups: {
          [SCIENTIST]: [`group:default/${team}`],
          ...options.groups,
        },
        allow: options.allow ?? (() => true),
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      options.scheduler
        ? createServiceFactory({
            service: coreServices.scheduler,
            deps: {},
            factory: () => options.scheduler!,
          })
        : mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          ...services,
          ...options.config,
          gpuQuota: { cacheMaxAgeSeconds: 0.2 },
          cost: {
            currency: 'EUR',
            gpuRates: [{ resource: 'nvidia.com/gpu', hourlyRate: GPU_RATE }],
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
  const scientist = as(SCIENTIST);
  return {
    backend,
    as,
    /** Submits a job as SCIENTIST; its id, or an error with the answer. */
    async submit(job: object): Promise<string> {
      const res = await scientist.post('/api/jobs', job);
      if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
      return res.body.job.id as string;
    },
    /** The job as GET /api/jobs/:id shows it to SCIENTIST. */
    async read(id: string) {
      return (await scientist.get(`/api/jobs/${id}`)).body;
    },
    /** The team's cost line of a project (today and tomorrow), if the ledger has one. */
    async costOf(project: string): Promise<CostLine | undefined> {
      const today = new Date().toISOString().slice(0, 10);
      const tomorrow = new Date(Date.now() + 86_400_000)
        .toISOString()
        .slice(0, 10);
      const r = await scientist.get(
        `/api/cost/teams/${team}/summary?from=${today}&to=${tomorrow}`,
      );
      return r.body.byProject.find((l: { key: string }) => l.key === project);
    },
  };
}
