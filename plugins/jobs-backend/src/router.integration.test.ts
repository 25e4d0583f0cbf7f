// Training jobs against the local cluster of scripts/services.sh (real API server, scheduler,
// Argo Workflows controller, KWOK's simulated GPU nodes), with the real GPU quota and cost
// plugins. A job's pod is the one Argo creates and KWOK runs; no test writes a pod's status.
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import {
  core,
  createTeam,
  custom,
  OUTSIDER,
  SCIENTIST,
  startJobsBackend,
  workflowsIn,
} from './__testUtils__/jobsBackend';

jest.setTimeout(120_000);

const team = `jobs-${randomBytes(3).toString('hex')}`;
const month = new Date().toISOString().slice(0, 7);
let portal: Awaited<ReturnType<typeof startJobsBackend>>;

const bert = {
  name: 'bert-finetuning',
  team,
  image: 'ml-training:latest',
  script: 'train.py',
  args: ['--epochs', '3'],
  gpus: 2,
  memory: '16Gi',
  timeoutHours: 2,
  retries: 1,
  outputArtifacts: ['model.pt'],
};

beforeAll(async () => {
  await createTeam(team, 4, 3);
  portal = await startJobsBackend(team);
  const budget = await portal
    .as(SCIENTIST)
    .put(`/api/cost/budgets/${team}`, { month, amount: 100 });
  if (budget.status !== 200) {
    throw new Error(`setting the test budget failed: ${budget.text}`);
  }
});
afterAll(async () => {
  await portal?.backend.stop();
  await core.deleteNamespace({ name: team }).catch(() => undefined);
});

async function until<T>(what: string, check: () => Promise<T | undefined>) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise(r => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('submitting a training job', () => {
  let id: string;

  it('creates the Workflow with the exact resources, timeout, retries, identity and env', async () => {
    const res = await portal.as(SCIENTIST).post('/api/jobs', bert);
    expect(res.status).toBe(201);
    id = res.body.job.id;
    expect(id).toMatch(/^bert-finetuning-[a-z0-9]{5}$/);
    expect(res.body.quota).toEqual({
      resource: 'nvidia.com/gpu',
      hard: 4,
      usedAfter: 2,
    });
    // 2 GPUs × 2 h × 2.5 EUR
    expect(res.body.budget).toMatchObject({
      estimate: 10,
      currency: 'EUR',
      month,
      budget: 100,
      remaining: 90,
    });
    expect(res.body.job).toMatchObject({
      id,
      name: 'bert-finetuning',
      team,
      phase: 'Pending',
      gpus: 2,
      memory: '16Gi',
      cpu: '4',
      timeoutHours: 2,
      estimatedCost: 10,
      costSoFar: 0,
      submittedBy: SCIENTIST,
      reservationId: res.body.budget.reservationId,
    });

    const wf = (await custom.getNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: team,
      plural: 'workflows',
      name: id,
    })) as any;
    const resources = { 'nvidia.com/gpu': '2', memory: '16Gi', cpu: '4' };
    expect(wf.spec).toMatchObject({
      entrypoint: 'train',
      serviceAccountName: 'default',
      activeDeadlineSeconds: 7200,
      retryStrategy: { limit: 1, retryPolicy: 'OnFailure' },
    });
    const template = wf.spec.templates[0];
    expect(template.container).toMatchObject({
      image: 'ml-training:latest',
      command: ['python', 'train.py'],
      args: ['--epochs', '3'],
      resources: { requests: resources, limits: resources },
    });
    expect(template.outputs.artifacts).toEqual([
      { name: 'output-0', path: 'model.pt', optional: true },
    ]);
    expect(wf.spec.tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    const env = Object.fromEntries(
      template.container.env.map((e: { name: string; value: string }) => [
        e.name,
        e.value,
      ]),
    );
    expect(env).toMatchObject({
      MLFLOW_EXPERIMENT_NAME: `${team}/bert-finetuning`,
      MLFLOW_TRACKING_URI: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+/),
      MLP_ARTIFACT_URI: `s3://ml-artifacts/${team}/${id}`,
      MLP_OUTPUT_ARTIFACTS: 'model.pt',
      MLP_JOB_ID: id,
      // The MLflow run the portal made for the job, which its code logs into.
      MLFLOW_RUN_ID: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(wf.spec.podMetadata.annotations).toMatchObject({
      'mlplatform.dev/mlflow-run-id': env.MLFLOW_RUN_ID,
    });
    expect(wf.spec.podMetadata.labels).toMatchObject({
      'mlplatform.dev/team': team,
      'mlplatform.dev/project': 'bert-finetuning',
      'mlplatform.dev/user': 'amira.haddad',
      'mlplatform.dev/cost-reservation': res.body.budget.reservationId,
    });
  });

  it('lists it and reads it', async () => {
    const list = await portal.as(SCIENTIST).get(`/api/jobs?team=${team}`);
    expect(list.status).toBe(200);
    expect(list.body.jobs.map((j: { id: string }) => j.id)).toEqual([id]);
    const one = await portal.as(SCIENTIST).get(`/api/jobs/${id}`);
    expect(one.body).toMatchObject({ id, name: 'bert-finetuning', gpus: 2 });
    expect(['Pending', 'Running']).toContain(one.body.phase);
  });

  it("counts the job's pod in the team's GPU quota and in its cost", async () => {
    // Argo's controller creates the pod, the scheduler places it on a GPU node, KWOK starts it.
    const pod = await until('the job running on a GPU node', async () => {
      const r = await portal.as(SCIENTIST).get(`/api/jobs/${id}`);
      return r.body.phase === 'Running' ? r.body : undefined;
    });
    expect(pod.node).toMatch(/^gpu-/);
    expect(pod.startedAt).toBeDefined();

    const quota = await until('the pod in the quota', async () => {
      const r = await portal.as(SCIENTIST).get(`/api/gpu-quota/teams/${team}`);
      const q = r.body.quota;
      return q?.resources[0].used === 2 ? q : undefined;
    });
    expect(quota.workloads).toEqual([
      expect.objectContaining({
        pod: pod.pods[0],
        owner: { kind: 'Workflow', name: id },
        gpus: { 'nvidia.com/gpu': 2 },
      }),
    ]);

    // The cost plugin's watch records the pod from its own start.
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const summary = await until('the pod in the cost ledger', async () => {
      const r = await portal
        .as(SCIENTIST)
        .get(`/api/cost/teams/${team}/summary?from=${today}&to=${tomorrow}`);
      return r.body.gpuHours > 0 ? r.body : undefined;
    });
    expect(summary.byProject).toEqual([
      expect.objectContaining({ key: 'bert-finetuning' }),
    ]);
  });

  it('refuses a job over the free GPUs and creates nothing', async () => {
    const before = await workflowsIn(team);
    const res = await portal
      .as(SCIENTIST)
      .post('/api/jobs', { ...bert, name: 'too-big', gpus: 3 });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      `Over quota: 3 GPUs do not fit in ${team}'s GPU quota: 2 of 4 nvidia.com/gpu are in use, 2 free. Ask for at most 2, wait for running jobs, or request a quota increase`,
    );
    expect(await workflowsIn(team)).toEqual(before);
  });

  it("refuses more than the team's per-job maximum", async () => {
    const res = await portal
      .as(SCIENTIST)
      .post('/api/jobs', { ...bert, name: 'too-wide', gpus: 4 });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      `gpus: 4 GPUs is more than ${team}'s per-job maximum of 3; ask for at most 3`,
    );
  });

  it('refuses a job over the budget and creates nothing', async () => {
    const before = await workflowsIn(team);
    const res = await portal.as(SCIENTIST).post('/api/jobs', {
      ...bert,
      name: 'too-long',
      gpus: 1,
      timeoutHours: 100,
    });
    expect(res.status).toBe(409);
    // 1 GPU × 100 h × 2.5 EUR against 90 EUR left of 100.
    expect(res.body.error.message).toMatch(
      /^Over budget: .*250 EUR.*100 EUR budget/,
    );
    expect(await workflowsIn(team)).toEqual(before);
  });

  it('cancels: deletes the Workflow and releases the reservation', async () => {
    const status = () =>
      portal.as(SCIENTIST).get(`/api/cost/teams/${team}/budget-status`);
    const reservedBefore = (await status()).body.reserved;
    const res = await portal.as(SCIENTIST).delete(`/api/jobs/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.job.id).toBe(id);
    expect(await workflowsIn(team)).not.toContain(id);
    expect((await status()).body.reserved).toBe(reservedBefore - 10);
    const gone = await portal.as(SCIENTIST).get(`/api/jobs/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toMatch(
      `No job ${id} in your teams (${team})`,
    );
  });
});

describe('bad input', () => {
  it.each([
    [{ gpus: 0 }, 'gpus: must be 1 or more (a training job needs a GPU)'],
    [{ gpus: -1 }, 'gpus: must be 1 or more'],
    [
      { memory: '16GB' },
      'memory: must be a memory quantity such as 16Gi or 512Mi',
    ],
    [{ image: '' }, 'image: is required: the container image to run'],
    [{ name: 'Bert_1' }, 'name: must be lowercase letters, digits and -'],
    [{ timeoutHours: 0 }, 'timeoutHours: must be more than 0'],
    [{ extra: true }, 'extra: not a field of this job; remove it'],
  ])('%j is refused naming the field', async (change, message) => {
    const before = await workflowsIn(team);
    const res = await portal
      .as(SCIENTIST)
      .post('/api/jobs', { ...bert, ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect(await workflowsIn(team)).toEqual(before);
  });

  it("refuses the portal's per-job maximum", async () => {
    const res = await portal
      .as(SCIENTIST)
      .post('/api/jobs', { ...bert, gpus: 65 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      "gpus: 65 GPUs is more than the portal's per-job maximum of 64; ask for at most 64",
    );
  });

  it('refuses a team the user is not in, and hides its jobs', async () => {
    const res = await portal.as(OUTSIDER).post('/api/jobs', bert);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      `team: you are not a member of ${team}; your teams: none`,
    );
    const list = await portal.as(OUTSIDER).get(`/api/jobs?team=${team}`);
    expect(list.status).toBe(403);
  });

  it('answers 401 without a token', async () => {
    const res = await request(portal.backend.server).get('/api/jobs');
    expect(res.status).toBe(401);
  });
});
