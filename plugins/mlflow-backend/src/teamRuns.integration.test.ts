// A team's experiments dashboard over real training jobs: submitted through the jobs API, each
// gets an MLflow run on the real local MLflow server (tagged with its job id, MLFLOW_RUN_ID in its
// pods), runs on the local cluster's simulated GPU nodes, and its run is ended with the job's
// outcome. The team's runs then carry the GPU time and cost of the job that produced them, equal
// to what the jobs API says of the job.
import { mockServices } from '@backstage/backend-test-utils';
// The jobs plugin's test backend, with the GPU quota and cost plugins it relies on.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  core,
  createTeam,
  jobBase,
  OUTSIDER,
  SCIENTIST,
  startJobsBackend,
  until,
} from '@internal/plugin-jobs-backend/testUtils';
import { localMlflowUrl } from './__testUtils__/localMlflow';
import { mlflowPlugin } from './plugin';

jest.setTimeout(240_000);

const team = `exp-${Math.random().toString(16).slice(2, 8)}`;
const scheduler = mockServices.scheduler();
let portal: Awaited<ReturnType<typeof startJobsBackend>>;

beforeAll(async () => {
  await createTeam(team, 8, 8);
  portal = await startJobsBackend(team, {
    scheduler,
    features: [mlflowPlugin],
    // Everything but reading every team's cost, which keepers have.
    allow: (_user, permission) => permission !== 'cost.read.all',
  });
});
afterAll(async () => {
  await portal?.backend.stop();
  await core.deleteNamespace({ name: team }).catch(() => undefined);
});

const ended = (id: string) =>
  until(`${id} ended`, async () => {
    const job = await portal.read(id);
    return ['Succeeded', 'Failed', 'Error'].includes(job.phase)
      ? job
      : undefined;
  });
/** The run as MLflow itself has it (the portal's answers are cached for a few seconds). */
const run = async (runId: string) => {
  const res = await fetch(
    `${localMlflowUrl()}/api/2.0/mlflow/runs/get?run_id=${runId}`,
  );
  const { info, data } = (await res.json()).run;
  return {
    status: info.status as string,
    runName: info.run_name as string,
    tags: Object.fromEntries(
      (data.tags ?? []).map((t: { key: string; value: string }) => [
        t.key,
        t.value,
      ]),
    ),
  };
};

it("shows each run of the team's experiments with the GPU time and cost of the job that made it", async () => {
  const good = await portal.submit({
    ...jobBase(team),
    name: 'good-train',
    gpus: 2,
    simulate: { runtime: '5s' },
  });
  const bad = await portal.submit({
    ...jobBase(team),
    name: 'bad-train',
    gpus: 1,
    simulate: { runtime: '3s', exitCode: 1, failure: 'NaN loss' },
  });
  const submitted = await portal.read(good);
  expect(submitted.mlflow.experiment).toBe(`${team}/good-train`);
  const goodRun = submitted.mlflow.runId;
  expect(goodRun).toMatch(/^[0-9a-f]{32}$/);
  // The run MLflow has: the job's, still running while the job is.
  const made = await run(goodRun);
  expect(made.tags).toMatchObject({ 'mlp.job_id': good, team });
  expect(made.runName).toBe(good);

  const jobs = { good: await ended(good), bad: await ended(bad) };
  expect(jobs.good.phase).toBe('Succeeded');
  expect(jobs.bad.phase).toBe('Failed');
  await scheduler.triggerTask('jobs-records');
  // Nothing ran the job's code (simulated nodes): the portal ended the runs with the outcome.
  expect((await run(goodRun)).status).toBe('FINISHED');
  expect((await run(jobs.bad.mlflow.runId)).status).toBe('FAILED');

  const res = await portal.as(SCIENTIST).get(`/api/mlflow/teams/${team}/runs`);
  expect(res.status).toBe(200);
  expect(res.body.jobFigures).toBe(true);
  expect(
    res.body.experiments.map((e: { name: string }) => e.name).sort(),
  ).toEqual([`${team}/bad-train`, `${team}/good-train`]);
  const row = (id: string) =>
    res.body.runs.find((r: { jobId?: string }) => r.jobId === id);
  // GPU time is the job's GPUs × the time its pods ran, as the jobs API counts it.
  expect(jobs.good.runtimeSeconds).toBeGreaterThanOrEqual(5);
  expect(row(good)).toMatchObject({
    runId: goodRun,
    experimentName: `${team}/good-train`,
    status: 'FINISHED',
    gpus: 2,
    gpuSeconds: 2 * jobs.good.runtimeSeconds,
    cost: jobs.good.costSoFar,
    currency: 'EUR',
  });
  expect(row(bad)).toMatchObject({
    status: 'FAILED',
    gpuSeconds: 1 * jobs.bad.runtimeSeconds,
  });

  // Filters: status and a tag, MLflow's own search.
  const failed = await portal
    .as(SCIENTIST)
    .get(`/api/mlflow/teams/${team}/runs?status=FAILED`);
  expect(failed.body.runs.map((r: { jobId: string }) => r.jobId)).toEqual([
    bad,
  ]);
  const tagged = await portal
    .as(SCIENTIST)
    .get(`/api/mlflow/teams/${team}/runs?tag=mlp.job_id=${good}`);
  expect(tagged.body.runs.map((r: { jobId: string }) => r.jobId)).toEqual([
    good,
  ]);

  // The same as CSV, GPU time in hours.
  const csv = await portal
    .as(SCIENTIST)
    .get(`/api/mlflow/teams/${team}/runs.csv`);
  expect(csv.status).toBe(200);
  const lines = csv.text.trim().split('\r\n');
  expect(lines[0]).toMatch(
    /^run_id,run_name,experiment,status,started,ended,user,job_id,gpus,gpu_hours,cost,currency/,
  );
  const goodLine = lines.find(l => l.startsWith(goodRun))!.split(',');
  expect(goodLine.slice(7, 12)).toEqual([
    good,
    '2',
    String(Math.round(((2 * jobs.good.runtimeSeconds) / 3600) * 10000) / 10000),
    String(jobs.good.costSoFar),
    'EUR',
  ]);

  // Someone outside the team sees the runs, not the team's spending.
  const outside = await portal
    .as(OUTSIDER)
    .get(`/api/mlflow/teams/${team}/runs`);
  expect(outside.body.jobFigures).toBe(false);
  expect(outside.body.runs).toHaveLength(2);
  expect(outside.body.runs[0].gpuSeconds).toBeUndefined();
  expect(outside.body.runs[0].cost).toBeUndefined();

  const wrong = await portal
    .as(SCIENTIST)
    .get(`/api/mlflow/teams/${team}/runs?status=DONE`);
  expect(wrong.status).toBe(400);
  expect(wrong.body.error.message).toMatch(/status: one of RUNNING/);
});
