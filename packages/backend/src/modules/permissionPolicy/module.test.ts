import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import request from 'supertest';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { permissionModulePlatformPolicy } from './module';
import { KEEPER, SCIENTIST, testUserInfo } from './testUsers';

const userInfoFromTestUsers = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({ getUserInfo: testUserInfo }),
});

describe('platform permission policy in a running backend', () => {
  // The catalog only registers `url` locations through its API, so serve a model's
  // catalog-info.yaml from loopback.
  const modelYaml = [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata: { name: fraud-scorer }',
    'spec: { type: ml-model, lifecycle: experimental, owner: group:default/tabular-team }',
  ].join('\n');
  let files: Server;
  let modelUrl: string;

  // One backend for all cases: better-sqlite3 cannot be loaded twice in one Jest worker.
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  beforeAll(async () => {
    files = createServer((_req, res) => res.end(modelYaml));
    await new Promise<void>(resolve => files.listen(0, '127.0.0.1', resolve));
    const { port } = files.address() as AddressInfo;
    modelUrl = `http://127.0.0.1:${port}/catalog-info.yaml`;
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        permissionPlugin,
        permissionModulePlatformPolicy,
        permissionsServiceFactory,
        userInfoFromTestUsers,
        mockServices.rootConfig.factory({
          data: {
            permission: {
              enabled: true,
              adminGroups: ['group:default/platform-team'],
            },
            catalog: { rules: [{ allow: ['Component', 'Location'] }] },
            backend: { reading: { allow: [{ host: `127.0.0.1:${port}` }] } },
          },
        }),
      ],
    });
  });
  afterAll(async () => {
    await backend.stop();
    files.close();
  });

  const register = (user: string) =>
    request(backend.server)
      .post('/api/catalog/locations?dryRun=true')
      .set('Authorization', mockCredentials.user.header(user))
      .send({ type: 'url', target: modelUrl });

  it('refuses a data scientist to register a catalog location (403)', async () => {
    const res = await register(SCIENTIST);
    expect(res.status).toBe(403);
  });

  it('lets a platform keeper register it', async () => {
    const res = await register(KEEPER);
    expect(res.body.error?.message).toBeUndefined();
    expect(res.status).toBe(201);
    expect(res.body.entities.map((e: any) => e.metadata.name)).toContain(
      'fraud-scorer',
    );
  });

  it('lets everyone read the catalog', async () => {
    const res = await request(backend.server)
      .get('/api/catalog/entities')
      .set('Authorization', mockCredentials.user.header(SCIENTIST));
    expect(res.status).toBe(200);
  });
});
