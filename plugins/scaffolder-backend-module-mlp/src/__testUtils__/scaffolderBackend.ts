// Test-only: a backend with the real scaffolder, catalog and this module, the templates from
// templates/, and the local services' cluster and MLflow.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import catalogModuleMlpFileLocations from '@internal/plugin-catalog-backend-module-mlp';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { scaffolderModuleMlp } from '../module';
import {
  fakeIdentity,
  repoRoot,
  servicesConfig,
} from '@internal/plugin-mlp-kube-node/testUtils';

export const KEEPER = 'user:default/morgan.lee';
export const SCIENTIST = 'user:default/amira.haddad';

/** Group memberships, as the catalog resolves them at sign-in; tests may add to them. */
export const GROUPS: Record<string, string[]> = {
  [KEEPER]: ['group:default/platform-team'],
  [SCIENTIST]: ['group:default/nlp-team'],
};

/** Platform keepers may do everything; others everything but onboarding (as the real policy). */
const identity = fakeIdentity({
  groups: GROUPS,
  allow: (user, permission) =>
    user === KEEPER || permission !== 'mlp.team.onboard',
});

export async function startScaffolderBackend(
  options: { readableHost?: string } = {},
) {
  const services = servicesConfig().get() as Record<string, unknown>;
  const publishDirectory = mkdtempSync(join(tmpdir(), 'mlp-published-'));
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleMlp,
      catalogPlugin,
      catalogModuleTemplateKind,
      catalogModuleMlpFileLocations,
      ...identity,
      ...(process.env.MLP_TEST_LOG
        ? [
            mockServices.rootLogger.factory({
              level: process.env.MLP_TEST_LOG as 'warn',
            }),
          ]
        : []),
      mockServices.rootConfig.factory({
        data: {
          ...services,
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'Group',
                  'Location',
                  'Template',
                  'System',
                  'Resource',
                ],
              },
            ],
            locations: [
              {
                type: 'file',
                target: join(repoRoot(), 'templates', 'all.yaml'),
              },
              {
                type: 'file',
                target: join(__dirname, 'register-repo-template.yaml'),
              },
              {
                type: 'file',
                target: join(__dirname, 'onboard-with-pause-template.yaml'),
              },
            ],
          },
          ...(options.readableHost
            ? {
                backend: {
                  reading: { allow: [{ host: options.readableHost }] },
                },
              }
            : {}),
          mlp: {
            scheduler: { queue: 'volcano' },
            publish: { localDirectory: publishDirectory },
          },
        },
      }),
    ],
  });
  const api = (user: string) => ({
    post: (path: string, body: object) =>
      request(backend.server)
        .post(path)
        .set('Authorization', mockCredentials.user.header(user))
        .send(body),
    get: (path: string) =>
      request(backend.server)
        .get(path)
        .set('Authorization', mockCredentials.user.header(user)),
  });
  return { backend, api, publishDirectory };
}

export type TaskResult = {
  status: string;
  output: Record<string, unknown>;
  log: string;
};

/** Starts a task from a template in the catalog; returns its id. */
export async function startTask(
  api: ReturnType<Awaited<ReturnType<typeof startScaffolderBackend>>['api']>,
  template: string,
  values: object,
): Promise<string> {
  const created = await api.post('/api/scaffolder/v2/tasks', {
    templateRef: `template:default/${template}`,
    values,
  });
  if (created.status !== 201) {
    throw new Error(
      `task not created: ${created.status} ${JSON.stringify(created.body)}`,
    );
  }
  return created.body.id;
}

/** The log lines of a task so far. */
export async function taskLog(
  api: ReturnType<Awaited<ReturnType<typeof startScaffolderBackend>>['api']>,
  id: string,
): Promise<string> {
  const events = await api.get(`/api/scaffolder/v2/tasks/${id}/events`);
  return (events.body as Array<{ body: { message?: string } }>)
    .map(e => e.body.message)
    .filter(Boolean)
    .join('\n');
}

/** Starts a task from a template in the catalog and waits for it to end. */
export async function runTemplate(
  api: ReturnType<Awaited<ReturnType<typeof startScaffolderBackend>>['api']>,
  template: string,
  values: object,
): Promise<TaskResult> {
  return waitForTask(api, await startTask(api, template, values));
}

/** Waits for a task to end. */
export async function waitForTask(
  api: ReturnType<Awaited<ReturnType<typeof startScaffolderBackend>>['api']>,
  id: string,
): Promise<TaskResult> {
  for (let i = 0; i < 600; i++) {
    const task = await api.get(`/api/scaffolder/v2/tasks/${id}`);
    if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
      return {
        status: task.body.status,
        output: task.body.output ?? {},
        log: await taskLog(api, id),
      };
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`task ${id} did not end in 150 s`);
}

/** Waits until the catalog has processed the templates. */
export async function waitForTemplates(
  api: ReturnType<Awaited<ReturnType<typeof startScaffolderBackend>>['api']>,
) {
  for (let i = 0; i < 240; i++) {
    const res = await api.get(
      '/api/catalog/entities/by-name/template/default/ml-project',
    );
    const other = await api.get(
      '/api/catalog/entities/by-name/template/default/onboard-ml-team',
    );
    if (res.status === 200 && other.status === 200) return;
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error('the catalog did not load templates/all.yaml in 60 s');
}
