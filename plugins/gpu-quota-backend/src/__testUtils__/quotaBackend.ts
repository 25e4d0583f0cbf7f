// Test-only: the GPU quota plugin in a test backend on the local kube-apiserver, with a team
// namespace of its own, users with group memberships, and captured notifications.
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import {
  fakeIdentity,
  kubeConfig,
  servicesConfig,
} from '@internal/plugin-mlp-kube-node/testUtils';
import * as k8s from '@kubernetes/client-node';
import type { Knex } from 'knex';
import request from 'supertest';
import { gpuQuotaPlugin } from '../plugin';

export const KEEPER = 'user:default/morgan.lee';
export const OTHER_KEEPER = 'user:default/sam.okafor';
export const SCIENTIST = 'user:default/amira.haddad';
export const OUTSIDER = 'user:default/li.wei';
const KEEPERS = [KEEPER, OTHER_KEEPER];

export const core = kubeConfig('admin').makeApiClient(k8s.CoreV1Api);

/** A team of the test's own, onboarded the way the portal does it. */
export async function createTeam(team: string, hard: Record<string, string>) {
  const labels = {
    'mlplatform.dev/team': team,
    'app.kubernetes.io/managed-by': 'mlp-portal',
  };
  await core.createNamespace({ body: { metadata: { name: team, labels } } });
  await core.createNamespacedResourceQuota({
    namespace: team,
    body: { metadata: { name: 'gpu-quota', labels }, spec: { hard } },
  });
  await core.createNamespacedLimitRange({
    namespace: team,
    body: {
      metadata: { name: 'gpu-limits', labels },
      spec: {
        limits: [
          {
            type: 'Container',
            max: { 'nvidia.com/gpu': '4' },
            _default: { 'nvidia.com/gpu': '0' },
            defaultRequest: { 'nvidia.com/gpu': '0' },
          },
        ],
      },
    },
  });
}

export async function deleteTeam(team: string) {
  await core.deleteNamespace({ name: team }).catch(() => undefined);
}

export async function readHard(team: string, resource = 'nvidia.com/gpu') {
  const quota = await core.readNamespacedResourceQuota({
    name: 'gpu-quota',
    namespace: team,
  });
  return quota.spec?.hard?.[`requests.${resource}`];
}

export async function startQuotaBackend(options: {
  /** Group memberships by user. */
  groups: Record<string, string[]>;
  knex: Knex;
  withCluster?: boolean;
}) {
  const sent: NotificationSendOptions[] = [];
  let scheduler: SchedulerService | undefined;
  const services = servicesConfig().get() as Record<string, unknown>;
  const backend = await startTestBackend({
    features: [
      gpuQuotaPlugin,
      // As the portal's policy: keepers may do everything, others everything but decide.
      ...fakeIdentity({
        groups: options.groups,
        allow: (user, permission) =>
          KEEPERS.includes(user) || permission !== 'gpu-quota.request.decide',
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          async send(notification: NotificationSendOptions) {
            sent.push(notification);
          },
        }),
      }),
      // Without a token a request is anonymous, as in the real backend.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.database.factory({ knex: options.knex }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      createBackendModule({
        pluginId: 'gpu-quota',
        moduleId: 'test-scheduler',
        register(env) {
          env.registerInit({
            deps: { s: coreServices.scheduler },
            async init({ s }) {
              scheduler = s;
            },
          });
        },
      }),
      mockServices.rootConfig.factory({
        data: {
          ...(options.withCluster === false ? {} : services),
          gpuQuota: { cacheMaxAgeSeconds: 0.2, expiryCheckSeconds: 3600 },
        },
      }),
    ],
  });
  const as = (user?: string) => {
    const auth = (r: request.Test) =>
      user ? r.set('Authorization', mockCredentials.user.header(user)) : r;
    return {
      get: (path: string) =>
        auth(request(backend.server).get(`/api/gpu-quota${path}`)),
      post: (path: string, body?: unknown) =>
        auth(request(backend.server).post(`/api/gpu-quota${path}`)).send(
          body as object,
        ),
    };
  };
  return {
    backend,
    as,
    sent,
    /** Runs one expiry pass now, as the scheduler would. */
    runExpiry: () => scheduler!.triggerTask('gpu-quota-expiry'),
  };
}

export function sqlite() {
  return TestDatabases.create({ ids: ['SQLITE_3'] });
}
