// Faults of the living local cluster under a running job: Argo's controller and the scheduler
// killed (SIGKILL) and started again. Work resumes and the ledger bills each pod once. The killed
// parts are the shared cluster's; each is back within seconds, so other tests only wait a little.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { kubeDir, repoRoot } from '@internal/plugin-mlp-kube-node/testUtils';
import {
  core,
  createTeam,
  SCIENTIST,
  startJobsBackend,
} from './__testUtils__/jobsBackend';

jest.setTimeout(300_000);

const team = `fault-${randomBytes(3).toString('hex')}`;
const RATE = 2.5;
let portal: Awaited<ReturnType<typeof startJobsBackend>>;

const base = {
  team,
  image: 'ml-training:latest',
  script: 'train.py',
  memory: '8Gi',
  cpu: '2',
  timeoutHours: 1,
};

function kube(action: 'kill' | 'restart', part: string) {
  execFileSync(
    'bash',
    [
      join(repoRoot(), 'scripts', 'services', 'kube.sh'),
      action,
      kubeDir(),
      part,
    ],
    { env: { ...process.env }, stdio: 'inherit', timeout: 120_000 },
  );
}

beforeAll(async () => {
  await createTeam(team, 8, 8);
  portal = await startJobsBackend(team);
});
afterAll(async () => {
  await portal?.backend.stop();
  await core.deleteNamespace({ name: team }).catch(() => undefined);
});

async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  seconds = 120,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function submit(job: object) {
  const res = await portal.as(SCIENTIST).post('/api/jobs', job);
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  return res.body.job.id as string;
}

const read = async (id: string) =>
  (await portal.as(SCIENTIST).get(`/api/jobs/${id}`)).body;

async function projectCost(project: string) {
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const r = await portal
    .as(SCIENTIST)
    .get(`/api/cost/teams/${team}/summary?from=${today}&to=${tomorrow}`);
  return r.body.byProject.find((l: { key: string }) => l.key === project);
}

it('the workflow controller and the scheduler killed mid-run: work resumes, billed once', async () => {
  const id = await submit({
    ...base,
    name: 'survives',
    project: 'survives',
    gpus: 2,
    simulate: { runtime: '25s' },
  });
  await until('Running', async () =>
    (await read(id)).phase === 'Running' ? true : undefined,
  );
  kube('kill', 'workflow-controller');
  kube('kill', 'kube-scheduler');
  // A job sent while the scheduler is down waits for it, and says so.
  const second = await submit({
    ...base,
    name: 'waits-for-scheduler',
    gpus: 1,
    simulate: { runtime: '2s' },
  });
  try {
    const waiting = await until(
      'the second job waiting',
      async () => {
        const j = await read(second);
        return j.phase === 'Pending' && j.pods.length > 0 ? j : undefined;
      },
      30,
    ).catch(() => undefined);
    // Argo's controller is down too, so it may not even have a pod yet: either way it waits,
    // and says for whom.
    const job = waiting ?? (await read(second));
    expect(job.waitingFor).toBe(
      job.pods.length > 0
        ? 'waiting for the scheduler to place it on a node'
        : 'waiting for the workflow controller to create its pod',
    );
  } finally {
    kube('restart', 'workflow-controller');
    kube('restart', 'kube-scheduler');
  }
  const done = await until('the first job Succeeded', async () => {
    const j = await read(id);
    return j.phase === 'Succeeded' ? j : undefined;
  });
  expect(done.attempts).toBe(1);
  await until('the second job Succeeded', async () =>
    (await read(second)).phase === 'Succeeded' ? true : undefined,
  );
  // One pod, billed once: 2 GPUs × its runtime × the rate.
  const expected =
    Math.round(2 * (done.runtimeSeconds / 3600) * RATE * 100) / 100;
  const line = await until('its cost', async () => {
    const l = await projectCost('survives');
    return l && Math.abs(l.cost - expected) < 0.005 ? l : undefined;
  });
  expect(line.cost).toBeCloseTo(expected, 2);
  expect(done.runtimeSeconds).toBeGreaterThanOrEqual(25);
  expect(done.runtimeSeconds).toBeLessThanOrEqual(27);
});
