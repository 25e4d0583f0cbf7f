// Model deployments against the local services of scripts/services.sh: the real API server with
// KServe's controller (RawDeployment), the scheduler and KWOK's simulated GPU nodes; the real MLflow
// registry; the real jobs, GPU quota and cost plugins. The predictor pods are the ones KServe's
// Deployment makes and KWOK runs; no test writes a status.
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real jobs, GPU quota and cost plugins in a test backend (test code only).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  core,
  createTeam,
  custom,
  jobBase,
  OUTSIDER,
  SCIENTIST,
  startJobsBackend,
  until,
} from '@internal/plugin-jobs-backend/testUtils';
import { servicesConfig } from '@internal/plugin-mlp-kube-node/testUtils';
import { randomBytes } from 'node:crypto';
import { deploymentsPlugin } from './plugin';

jest.setTimeout(240_000);

const suffix = randomBytes(3).toString('hex');
const team = `dep-${suffix}`;
const model = `deploy-test-${suffix}`;
const LEAD = 'user:default/jonas.berg';
const KEEPER = 'user:default/morgan.lee';
const month = new Date().toISOString().slice(0, 7);
const mlflowUrl = (
  servicesConfig().get('mlflow.servers') as Array<{ baseUrl: string }>
)[0].baseUrl.replace(/\/$/, '');

let portal: Awaited<ReturnType<typeof startJobsBackend>>;
let jobId: string;
let runId: string;

async function mlflow(path: string, body?: object) {
  const res = await fetch(`${mlflowUrl}/api/2.0/mlflow/${path}`, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`MLflow ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

const isvc = (env: string) =>
  custom
    .getNamespacedCustomObject({
      group: 'serving.kserve.io',
      version: 'v1beta1',
      namespace: team,
      plural: 'inferenceservices',
      name: `${model}-${env}`,
    })
    .catch(() => undefined) as Promise<any>;

const records = async () =>
  (await portal.as(SCIENTIST).get(`/api/deployments/models/${model}`)).body;

beforeAll(async () => {
  await createTeam(team, 4, 2);
  portal = await startJobsBackend(team, {
    features: [
      deploymentsPlugin,
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: {
              name: team,
              namespace: 'default',
              annotations: {
                'mlplatform.dev/team-lead': LEAD,
                'mlplatform.dev/max-replicas': '3',
              },
            },
            spec: { type: 'team', children: [] },
          },
        ],
      }),
    ],
    groups: {
      [LEAD]: [`group:default/${team}`],
      [OUTSIDER]: ['group:default/vision-team'],
      [KEEPER]: ['group:default/platform-team'],
    },
    allow: (user, permission) =>
      permission !== 'deployments.approve' || user === KEEPER,
  });
  const budget = await portal
    .as(SCIENTIST)
    .put(`/api/cost/budgets/${team}`, { month, amount: 100000 });
  if (budget.status !== 200) throw new Error(budget.text);

  // A real training job: its MLflow run (tagged with the job) is where version 1 comes from.
  jobId = await portal.submit({
    ...jobBase(team),
    name: 'train-deploy',
    gpus: 1,
    simulate: { runtime: '3s' },
  });
  const workflow = (await custom.getNamespacedCustomObject({
    group: 'argoproj.io',
    version: 'v1alpha1',
    namespace: team,
    plural: 'workflows',
    name: jobId,
  })) as { metadata: { annotations: Record<string, string> } };
  runId = workflow.metadata.annotations['mlplatform.dev/mlflow-run-id'];
  if (!runId) throw new Error(`job ${jobId} has no MLflow run`);
  await mlflow('runs/set-tag', {
    run_id: runId,
    key: 'mlp.dataset',
    value: 'support-tickets@2026-11',
  });
  await mlflow('registered-models/create', {
    name: model,
    tags: [{ key: 'team', value: team }],
  });
  for (const source of [
    's3://ml-artifacts/deploy-test/v1',
    's3://ml-artifacts/deploy-test/v2',
  ]) {
    await mlflow('model-versions/create', {
      name: model,
      source,
      ...(source.endsWith('v1') ? { run_id: runId } : {}),
    });
  }
  await mlflow('registered-models/alias', {
    name: model,
    alias: 'champion',
    version: '1',
  });
});

afterAll(async () => {
  await portal?.backend.stop();
  await core.deleteNamespace({ name: team }).catch(() => undefined);
  await mlflow('registered-models/delete', { name: model }).catch(
    () => undefined,
  );
});

describe('bad input is refused with the field named, and nothing is created', () => {
  const good = {
    model,
    alias: 'champion',
    environment: 'staging',
    replicas: 1,
    gpus: 1,
  };
  it.each([
    [
      { ...good, model: 'no-such-model-anywhere' },
      400,
      /^model: MLflow has no registered model named "no-such-model-anywhere"/,
    ],
    [
      { ...good, alias: 'gold' },
      400,
      /^alias: .* has no alias "gold"; its aliases are champion/,
    ],
    [
      { ...good, alias: undefined, version: '9' },
      400,
      /^version: .* has no version 9; its newest is 2/,
    ],
    [
      { ...good, replicas: 0 },
      400,
      /^Invalid deployment: replicas: must be at least 1/,
    ],
    [
      { ...good, replicas: 4 },
      400,
      /^replicas: 4 is more than dep-\w+'s maximum of 3 replicas/,
    ],
    [
      { ...good, environment: 'qa' },
      400,
      /^Invalid deployment: environment: must be staging or production/,
    ],
    [
      { ...good, version: '1' },
      400,
      /^Invalid deployment: version: name exactly one of version/,
    ],
    [
      { ...good, gpus: 3 },
      409,
      /^gpus: 3 GPUs per replica is more than .* per-pod maximum of 2/,
    ],
  ])('%j → %i', async (body, status, message) => {
    const res = await portal.as(SCIENTIST).post('/api/deployments', body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
  });

  it('left no InferenceService and no record', async () => {
    expect(await isvc('staging')).toBeUndefined();
    expect((await records()).deployments).toEqual([]);
  });
});

describe('deploying to staging on the living cluster', () => {
  it('creates the exact InferenceService, and KServe serves it on the GPU nodes', async () => {
    const res = await portal.as(SCIENTIST).post('/api/deployments', {
      model,
      alias: 'champion',
      environment: 'staging',
      replicas: 2,
      gpus: 1,
    });
    expect(res.status).toBe(201);
    expect(res.body.deployment).toMatchObject({
      version: '1',
      alias: 'champion',
      status: 'live',
      jobId,
      runId,
      dataset: 'support-tickets@2026-11',
    });
    expect(res.body.budget.estimate).toBeGreaterThan(0);

    const read = await isvc('staging');
    expect(read.spec.predictor).toEqual({
      minReplicas: 2,
      maxReplicas: 2,
      model: {
        modelFormat: { name: 'mlflow' },
        protocolVersion: 'v2',
        storageUri: 's3://ml-artifacts/deploy-test/v1',
        resources: {
          requests: { cpu: '1', memory: '2Gi', 'nvidia.com/gpu': '1' },
          limits: { cpu: '1', memory: '2Gi', 'nvidia.com/gpu': '1' },
        },
      },
    });
    expect(read.metadata.labels).toMatchObject({
      'mlplatform.dev/team': team,
      'mlplatform.dev/environment': 'staging',
      'mlplatform.dev/cost-reservation': res.body.budget.reservationId,
    });
    expect(read.metadata.annotations['mlplatform.dev/model-version']).toBe('1');

    const endpoint = await until(
      'the staging endpoint ready',
      async () => {
        const e = (await records()).endpoints.find(
          (x: any) => x.environment === 'staging',
        );
        return e?.ready && e.readyReplicas === 2 ? e : undefined;
      },
      180,
    );
    expect(endpoint.versionServed).toBe('1');
    expect(endpoint.url).toMatch(/^https?:\/\//);
    const pods = await core.listNamespacedPod({
      namespace: team,
      labelSelector: `serving.kserve.io/inferenceservice=${model}-staging`,
    });
    const running = pods.items.filter(p => p.status?.phase === 'Running');
    expect(running).toHaveLength(2);
    for (const pod of running) {
      expect(pod.spec!.nodeName).toMatch(/gpu/);
      const gpus = pod.spec!.containers.map(
        c => c.resources?.requests?.['nvidia.com/gpu'],
      );
      expect(gpus).toContain('1');
    }
  });

  it('refuses a deploy over the quota and changes nothing', async () => {
    const before = (await records()).deployments.length;
    const res = await portal.as(SCIENTIST).post('/api/deployments', {
      model,
      version: '2',
      environment: 'staging',
      replicas: 3,
      gpus: 2,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(
      /^Over quota: the replicas need 4 more GPUs/,
    );
    expect(
      (await isvc('staging')).metadata.annotations[
        'mlplatform.dev/model-version'
      ],
    ).toBe('1');
    expect((await records()).deployments).toHaveLength(before);
  });

  it('refuses a deploy over the budget and changes nothing', async () => {
    await portal
      .as(SCIENTIST)
      .put(`/api/cost/budgets/${team}`, { month, amount: 1 });
    const before = (await records()).deployments.length;
    const res = await portal.as(SCIENTIST).post('/api/deployments', {
      model,
      version: '2',
      environment: 'staging',
      replicas: 1,
      gpus: 1,
    });
    await portal
      .as(SCIENTIST)
      .put(`/api/cost/budgets/${team}`, { month, amount: 100000 });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/budget/i);
    expect(
      (await isvc('staging')).metadata.annotations[
        'mlplatform.dev/model-version'
      ],
    ).toBe('1');
    expect((await records()).deployments).toHaveLength(before);
  });

  it('deploys version 2, then rolls back to serve version 1 again', async () => {
    const v2 = await portal.as(SCIENTIST).post('/api/deployments', {
      model,
      version: '2',
      environment: 'staging',
      replicas: 2,
      gpus: 1,
    });
    expect(v2.status).toBe(201);
    expect((await isvc('staging')).spec.predictor.model.storageUri).toBe(
      's3://ml-artifacts/deploy-test/v2',
    );
    const back = await portal
      .as(SCIENTIST)
      .post(`/api/deployments/models/${model}/rollback`, {
        environment: 'staging',
      });
    expect(back.status).toBe(201);
    expect(back.body.deployment).toMatchObject({
      version: '1',
      status: 'live',
    });
    const read = await isvc('staging');
    expect(read.spec.predictor.model.storageUri).toBe(
      's3://ml-artifacts/deploy-test/v1',
    );
    expect(read.metadata.annotations['mlplatform.dev/model-version']).toBe('1');
    const { deployments } = await records();
    expect(
      deployments
        .filter((d: any) => d.environment === 'staging')
        .map((d: any) => [d.version, d.status]),
    ).toEqual([
      ['1', 'live'],
      ['2', 'superseded'],
      ['1', 'superseded'],
    ]);
    await until(
      'version 1 served again',
      async () => {
        const e = (await records()).endpoints.find(
          (x: any) => x.environment === 'staging',
        );
        return e?.ready && e.versionServed === '1' && e.readyReplicas === 2
          ? e
          : undefined;
      },
      180,
    );
  });
});

describe('production needs an approval by a keeper or the team lead, not by the requester', () => {
  let id: string;
  it('waits for approval and creates nothing yet', async () => {
    const res = await portal.as(SCIENTIST).post('/api/deployments', {
      model,
      version: '1',
      environment: 'production',
      replicas: 1,
      gpus: 0,
    });
    expect(res.status).toBe(202);
    expect(res.body.deployment.status).toBe('pending-approval');
    id = res.body.deployment.id;
    expect(await isvc('production')).toBeUndefined();
  });

  it('refuses self-approval and an outsider', async () => {
    const self = await portal
      .as(SCIENTIST)
      .post(`/api/deployments/${id}/approve`, {});
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/you requested this deploy/);
    const outsider = await portal
      .as(OUTSIDER)
      .post(`/api/deployments/${id}/approve`, {});
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.message).toMatch(
      /only platform keepers and .*'s lead/,
    );
    expect(await isvc('production')).toBeUndefined();
  });

  it("deploys on the lead's approval", async () => {
    const res = await portal
      .as(LEAD)
      .post(`/api/deployments/${id}/approve`, {});
    expect(res.status).toBe(200);
    expect(res.body.deployment).toMatchObject({
      status: 'live',
      decidedBy: LEAD,
    });
    const read = await isvc('production');
    expect(read.spec.predictor.minReplicas).toBe(1);
    expect(read.spec.predictor.model.resources.requests).toEqual({
      cpu: '1',
      memory: '2Gi',
    });
    const twice = await portal
      .as(KEEPER)
      .post(`/api/deployments/${id}/approve`, {});
    expect(twice.status).toBe(409);
  });

  it('a keeper approves too, and a rejection keeps its reason', async () => {
    const req = await portal.as(SCIENTIST).post('/api/deployments', {
      model,
      version: '2',
      environment: 'production',
      replicas: 1,
      gpus: 0,
    });
    const reject = await portal
      .as(KEEPER)
      .post(`/api/deployments/${req.body.deployment.id}/reject`, {
        reason: 'wait for the A/B test',
      });
    expect(reject.status).toBe(200);
    expect(reject.body.deployment).toMatchObject({
      status: 'rejected',
      reason: 'wait for the A/B test',
    });
    expect(
      (await isvc('production')).metadata.annotations[
        'mlplatform.dev/model-version'
      ],
    ).toBe('1');

    // A keeper, not in the team, approves one with a GPU: the budget is reserved on approval.
    const gpu = await portal.as(SCIENTIST).post('/api/deployments', {
      model,
      version: '2',
      environment: 'production',
      replicas: 1,
      gpus: 1,
    });
    expect(gpu.status).toBe(202);
    const approved = await portal
      .as(KEEPER)
      .post(`/api/deployments/${gpu.body.deployment.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.deployment).toMatchObject({
      status: 'live',
      decidedBy: KEEPER,
    });
    expect(approved.body.budget.estimate).toBeGreaterThan(0);
    const read = await isvc('production');
    expect(read.metadata.annotations['mlplatform.dev/model-version']).toBe('2');
    expect(read.spec.predictor.model.resources.requests['nvidia.com/gpu']).toBe(
      '1',
    );
  });
});

describe('lineage and audit trail', () => {
  it('shows dataset, job, run and version as the records have them, with the job cost', async () => {
    const res = await portal
      .as(OUTSIDER)
      .get(`/api/deployments/models/${model}/lineage?version=1`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      model,
      version: '1',
      modelUri: 's3://ml-artifacts/deploy-test/v1',
      dataset: { name: 'support-tickets@2026-11' },
      run: { id: runId },
      job: { id: jobId },
    });
    expect(res.body.job.currency).toBe('EUR');
    expect(res.body.deployments.map((d: any) => d.environment).sort()).toEqual([
      'production',
      'staging',
      'staging',
    ]);
  });

  it('records every step, in order', async () => {
    const { events } = (
      await portal.as(OUTSIDER).get(`/api/deployments/models/${model}/audit`)
    ).body;
    expect(
      events.map((e: any) => [e.environment, e.version, e.action, e.actor]),
    ).toEqual([
      ['staging', '1', 'requested', SCIENTIST],
      ['staging', '1', 'deployed', SCIENTIST],
      ['staging', '2', 'requested', SCIENTIST],
      ['staging', '2', 'deployed', SCIENTIST],
      ['staging', '1', 'superseded', SCIENTIST],
      ['staging', '1', 'rolled-back', SCIENTIST],
      ['staging', '2', 'superseded', SCIENTIST],
      ['production', '1', 'requested', SCIENTIST],
      ['production', '1', 'approved', LEAD],
      ['production', '2', 'requested', SCIENTIST],
      ['production', '2', 'rejected', KEEPER],
      ['production', '2', 'requested', SCIENTIST],
      ['production', '2', 'approved', KEEPER],
      ['production', '1', 'superseded', KEEPER],
    ]);
  });
});
