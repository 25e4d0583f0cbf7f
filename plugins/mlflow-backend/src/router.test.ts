import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  localMlflowUrl,
  seedExperiment,
  seedRegisteredModel,
} from './__testUtils__/localMlflow';
import { mlflowPlugin } from './plugin';

jest.setTimeout(60_000);

/** Stands in for a broken MLflow: a 500, or a proxy's HTML login page. */
function brokenMlflow(status: number, body: string): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'Content-Type': 'text/html' });
    res.end(body);
  });
  return new Promise(r => server.listen(0, '127.0.0.1', () => r(server)));
}
const urlOf = (s: Server) =>
  `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

describe('/api/mlflow', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let failing: Server;
  let garbage: Server;
  let experiment: string;
  let seeded: Awaited<ReturnType<typeof seedExperiment>>;
  let model: string;
  beforeAll(async () => {
    failing = await brokenMlflow(
      500,
      '{"error_code":"INTERNAL_ERROR","message":"database is locked"}',
    );
    garbage = await brokenMlflow(200, '<html>Sign in to continue</html>');
    seeded = await seedExperiment(3);
    experiment = seeded.name;
    model = await seedRegisteredModel({
      runs: seeded.runs.slice(0, 2),
      aliases: { champion: '2', challenger: '1' },
      tags: { 'mlp.alias.champion': '2@2026-11-21T09:30:00Z' },
    });
    backend = await startTestBackend({
      features: [
        mlflowPlugin,
        mockServices.rootConfig.factory({
          data: {
            mlflow: {
              servers: [
                {
                  name: 'local',
                  baseUrl: localMlflowUrl(),
                  token: 'secret-token-never-shown',
                },
                { name: 'down', baseUrl: 'http://127.0.0.1:9' },
                { name: 'failing', baseUrl: urlOf(failing) },
                { name: 'garbage', baseUrl: urlOf(garbage) },
              ],
            },
          },
        }),
      ],
    });
  });
  afterAll(async () => {
    await backend.stop();
    failing.close();
    garbage.close();
  });
  const get = (path: string) =>
    request(backend.server)
      .get(`/api/mlflow${path}`)
      .set('Authorization', mockCredentials.user.header());

  it('lists the servers without their credentials', async () => {
    const res = await get('/servers');
    expect(res.status).toBe(200);
    expect(res.body.servers.map((s: { name: string }) => s.name)).toEqual([
      'local',
      'down',
      'failing',
      'garbage',
    ]);
    expect(JSON.stringify(res.body)).not.toContain('secret-token');
  });

  it('answers a page of runs', async () => {
    const res = await get(
      `/runs?experiment=${experiment}&pageSize=2&orderBy=${encodeURIComponent(
        'metrics.val_loss DESC',
      )}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.runs).toHaveLength(2);
    expect(res.body.runs[0].metrics.val_loss).toBe(0.5);
    expect(res.body.nextPageToken).toEqual(expect.any(String));
  });

  it("answers a model's overview: every alias with its version, run and when it moved", async () => {
    const res = await get(`/models/${model}/overview`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      server: 'local',
      model,
      // No mlp.key_metric tag: val_accuracy is not logged, val_loss is the first by name.
      keyMetric: 'val_loss',
      aliases: [
        {
          alias: 'champion',
          modelVersion: {
            version: '2',
            run: { runId: seeded.runs[1].runId, runName: 'run-01' },
          },
          movedAt: Date.parse('2026-11-21T09:30:00Z'),
        },
        {
          alias: 'challenger',
          modelVersion: {
            version: '1',
            run: { metrics: { val_loss: seeded.runs[0].valLoss } },
          },
          movedAtUnknown: expect.stringMatching(
            /^moved outside the portal's tools: no mlp.alias.challenger tag/,
          ),
        },
      ],
    });
    expect(res.body.aliases[1]).not.toHaveProperty('movedAt');
    expect(JSON.stringify(res.body)).not.toContain('secret-token');
  });

  it.each([
    [
      'a bad filter',
      `/runs?experiment=EXP&filter=${encodeURIComponent('metrics.x >>> 1')}`,
      400,
      /Invalid comparator '>>>'/,
    ],
    [
      'a page size of 0',
      '/runs?experiment=EXP&pageSize=0',
      400,
      /pageSize: 1 to 200/,
    ],
    [
      'an order that is not a column',
      `/runs?experiment=EXP&orderBy=${encodeURIComponent('drop table')}`,
      400,
      /orderBy: a column and direction/,
    ],
    [
      'an unknown parameter',
      '/runs?experiment=EXP&columns=all',
      400,
      /columns: not a parameter of this query; remove it/,
    ],
    ['no experiment', '/runs', 400, /experiment: /],
    [
      'an unknown experiment',
      '/runs?experiment=nope',
      404,
      /No experiment named nope/,
    ],
    [
      'a run id that is not one',
      '/runs/xyz',
      400,
      /run id: must be an MLflow run id/,
    ],
    ['an unknown model', '/models/nope', 404, /No registered model named nope/],
    [
      'the overview of an unknown model',
      '/models/nope/overview',
      404,
      /No registered model named nope on MLflow server 'local'; check the entity's mlflow.org\/registered-model annotation/,
    ],
    [
      'a model name too long',
      `/models/${'m'.repeat(501)}/overview`,
      400,
      /model: at most 500 characters/,
    ],
    [
      'an overview with an unknown parameter',
      '/models/x/overview?alias=champion',
      400,
      /alias: not a parameter of this query; remove it/,
    ],
    [
      'the overview from an MLflow that fails',
      '/models/x/overview?server=failing',
      502,
      /MLflow server 'failing' failed \(500 INTERNAL_ERROR\)/,
    ],
    [
      'an unknown server',
      '/models/x?server=prod',
      400,
      /server: prod is not in mlflow.servers/,
    ],
    [
      'an MLflow that is down',
      '/models/x?server=down',
      503,
      /MLflow server 'down' at http:\/\/127.0.0.1:9 did not answer/,
    ],
    [
      'an MLflow that fails',
      '/models/x?server=failing',
      502,
      /MLflow server 'failing' failed \(500 INTERNAL_ERROR\): database is locked/,
    ],
    [
      'an MLflow that answers HTML',
      '/models/x?server=garbage',
      502,
      /answered something that is not MLflow's API \(not JSON: <html>Sign in/,
    ],
  ])('answers %s with a clear %p', async (_what, path, status, message) => {
    const res = await get(path.replace('EXP', experiment));
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
  });

  it('refuses callers the permission policy does not let read MLflow', async () => {
    const denied = await startTestBackend({
      features: [
        mlflowPlugin,
        mockServices.rootConfig.factory({
          data: {
            mlflow: { servers: [{ name: 'local', baseUrl: localMlflowUrl() }] },
          },
        }),
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(() => ({ result: AuthorizeResult.DENY })),
        }).factory,
      ],
    });
    try {
      const res = await request(denied.server)
        .get('/api/mlflow/servers')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/permission mlflow.read/);
    } finally {
      await denied.stop();
    }
  });
});
