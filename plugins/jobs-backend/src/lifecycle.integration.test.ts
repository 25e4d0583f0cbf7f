// Training jobs really run: submitted through the jobs API, created by Argo's controller as pods,
// placed by the scheduler on KWOK's simulated GPU nodes and ended by KWOK's pod stages
// (services/kube/cluster/kwok-stages.yaml). Nothing here writes a pod's or a workflow's status:
// every phase, start and end below is what the controller, the scheduler and KWOK did.
import { randomBytes } from 'node:crypto';
import {
  core,
  createTeam,
  SCIENTIST,
  startJobsBackend,
} from './__testUtils__/jobsBackend';

jest.setTimeout(240_000);

const team = `life-${randomBytes(3).toString('hex')}`;
const month = new Date().toISOString().slice(0, 7);
const RATE = 2.5; // EUR per GPU-hour, as in startJobsBackend's cost config
let portal: Awaited<ReturnType<typeof startJobsBackend>>;

const base = {
  team,
  image: 'ml-training:latest',
  script: 'train.py',
  memory: '8Gi',
  cpu: '2',
  timeoutHours: 1,
};

beforeAll(async () => {
  await createTeam(team, 8, 8);
  portal = await startJobsBackend(team);
  const budget = await portal
    .as(SCIENTIST)
    .put(`/api/cost/budgets/${team}`, { month, amount: 500 });
  if (budget.status !== 200) throw new Error(`budget: ${budget.text}`);
});
afterAll(async () => {
  await portal?.backend.stop();
  await core.deleteNamespace({ name: team }).catch(() => undefined);
});

async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  seconds = 90,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  while (Date.now() < deadline) {
    let value: T | undefined;
    try {
      value = await check();
    } catch (e) {
      last = e;
    }
    if (value !== undefined) return value;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what} (${String(last ?? '')})`);
}

async function submit(job: object) {
  const res = await portal.as(SCIENTIST).post('/api/jobs', job);
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  return res.body.job.id as string;
}

const read = async (id: string) =>
  (await portal.as(SCIENTIST).get(`/api/jobs/${id}`)).body;

/** The pods of a job as the API server has them: start and end from their own timestamps. */
async function podTimes(id: string) {
  const pods = await core.listNamespacedPod({
    namespace: team,
    labelSelector: `workflows.argoproj.io/workflow=${id}`,
  });
  return pods.items.map(p => ({
    name: p.metadata!.name!,
    node: p.spec!.nodeName,
    phase: p.status!.phase,
    start: p.status!.startTime!,
    end: p
      .status!.containerStatuses!.map(c => c.state?.terminated?.finishedAt)
      .filter(Boolean)
      .map(t => new Date(t!))
      .sort((a, b) => a.getTime() - b.getTime())
      .at(-1),
  }));
}

async function costOf(project: string) {
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const r = await portal
    .as(SCIENTIST)
    .get(`/api/cost/teams/${team}/summary?from=${today}&to=${tomorrow}`);
  return r.body.byProject.find((l: { key: string }) => l.key === project);
}

const seconds = (a: Date | string, b: Date | string) =>
  (new Date(b).getTime() - new Date(a).getTime()) / 1000;

it('runs a 2-GPU job on a GPU node, succeeds, bills its real runtime and frees the GPUs', async () => {
  const id = await submit({
    ...base,
    name: 'short-train',
    project: 'short-train',
    gpus: 2,
    simulate: { runtime: '12s' },
  });
  const running = await until(
    'Running',
    async () => {
      const j = await read(id);
      return j.phase === 'Running' ? j : undefined;
    },
    30,
  );
  expect(running.node).toMatch(/^gpu-(a100|l4)-\d$/);
  const used = await until('2 GPUs in use', async () => {
    const q = (await portal.as(SCIENTIST).get(`/api/gpu-quota/teams/${team}`))
      .body.quota;
    return q?.resources[0].used === 2 ? q : undefined;
  });
  expect(used.resources[0].hard).toBe(8);

  const done = await until('Succeeded', async () => {
    const j = await read(id);
    return j.phase === 'Succeeded' ? j : undefined;
  });
  const [pod] = await podTimes(id);
  expect(pod.phase).toBe('Succeeded');
  const ran = seconds(pod.start, pod.end!);
  // KWOK ends it 12 s after the pod's own start (timestamps have whole seconds).
  expect(ran).toBeGreaterThanOrEqual(12);
  expect(ran).toBeLessThanOrEqual(14);
  expect(done).toMatchObject({ attempts: 1, exitCode: 0, runtimeSeconds: ran });
  expect(new Date(done.startedAt).getTime()).toBe(
    new Date(pod.start).getTime(),
  );
  expect(done.finishedAt).toBeDefined();

  // The ledger bills 2 GPUs × its runtime × the rate, to the cent.
  const expected = Math.round(2 * (ran / 3600) * RATE * 100) / 100;
  const line = await until('the cost of the finished pod', async () => {
    const l = await costOf('short-train');
    return l && Math.abs(l.cost - expected) < 0.005 ? l : undefined;
  });
  expect(line.cost).toBeCloseTo(expected, 2);
  expect(done.costSoFar).toBeCloseTo(expected, 2);

  // Its GPUs are free again.
  await until('no GPUs in use', async () => {
    const q = (await portal.as(SCIENTIST).get(`/api/gpu-quota/teams/${team}`))
      .body.quota;
    return q?.resources[0].used === 0 ? q : undefined;
  });
});

it('shows a failing job as Failed with its exit and reason, and counts its retries', async () => {
  const id = await submit({
    ...base,
    name: 'oom-train',
    gpus: 1,
    retries: 2,
    simulate: { runtime: '3s', exitCode: 3, failure: 'CUDA out of memory' },
  });
  const failed = await until('Failed', async () => {
    const j = await read(id);
    return j.phase === 'Failed' ? j : undefined;
  });
  expect(failed).toMatchObject({
    attempts: 3,
    exitCode: 3,
    message:
      'main: Error (exit code 3): CUDA out of memory (No more retries left)',
  });
  const pods = await podTimes(id);
  expect(pods).toHaveLength(3);
  expect(pods.every(p => p.phase === 'Failed')).toBe(true);
});

it('stops a job at its deadline and bills it only up to then', async () => {
  // 18 s: Argo gives the pod the rest of the workflow's deadline; KWOK ends it there.
  const id = await submit({
    ...base,
    name: 'too-long',
    project: 'too-long',
    gpus: 1,
    timeoutHours: 0.005,
  });
  const failed = await until('Failed at its deadline', async () => {
    const j = await read(id);
    return j.phase === 'Failed' ? j : undefined;
  });
  const [pod] = await podTimes(id);
  expect(pod.phase).toBe('Failed');
  const ran = seconds(pod.start, pod.end!);
  expect(ran).toBeLessThanOrEqual(18);
  expect(failed.message).toMatch(/deadline/i);
  const expected = Math.round(1 * (ran / 3600) * RATE * 100) / 100;
  const line = await until('the cost up to the deadline', async () => {
    const l = await costOf('too-long');
    return l && Math.abs(l.cost - expected) < 0.005 ? l : undefined;
  });
  expect(line.cost).toBeCloseTo(expected, 2);
  expect(failed.runtimeSeconds).toBe(ran);
});

it('says why a job that cannot fit on any node waits, and starts it when GPUs free up', async () => {
  // Fill both L4 nodes (4 GPUs each) but one GPU with pods that end in 20 s, then ask for 4 L4
  // GPUs: no node has them until the fillers end.
  const fillers = `fill-${randomBytes(3).toString('hex')}`;
  await core.createNamespace({ body: { metadata: { name: fillers } } });
  try {
    for (const node of ['gpu-l4-0', 'gpu-l4-1']) {
      await core.createNamespacedPod({
        namespace: fillers,
        body: {
          metadata: {
            name: `filler-${node}`,
            annotations: { 'mlplatform.dev/simulated-runtime': '20s' },
          },
          spec: {
            restartPolicy: 'Never',
            nodeSelector: { 'kubernetes.io/hostname': node },
            containers: [
              {
                name: 'main',
                image: 'filler',
                resources: {
                  requests: { 'nvidia.com/gpu': '3' },
                  limits: { 'nvidia.com/gpu': '3' },
                },
              },
            ],
          },
        },
      });
    }
    const id = await submit({
      ...base,
      name: 'wide-l4',
      gpus: 4,
      gpuProduct: 'NVIDIA-L4',
      simulate: { runtime: '2s' },
    });
    const waiting = await until('Pending with a reason', async () => {
      const j = await read(id);
      return j.phase === 'Pending' &&
        j.waitingFor?.includes('free nvidia.com/gpu')
        ? j
        : undefined;
    });
    expect(waiting.waitingFor).toMatch(
      /^waiting for GPUs: no NVIDIA-L4 node has 4 free nvidia\.com\/gpu \(largest free: [01]\)$/,
    );
    const logs = await portal.as(SCIENTIST).get(`/api/jobs/${id}/logs`);
    expect(logs.text).toBe(
      `No logs yet: job ${id} is Pending and none of its pods has started.\n`,
    );
    // When the fillers end, it runs.
    const done = await until('Succeeded after the fillers', async () => {
      const j = await read(id);
      return j.phase === 'Succeeded' ? j : undefined;
    });
    expect(done.node).toMatch(/^gpu-l4-/);
  } finally {
    await core.deleteNamespace({ name: fillers }).catch(() => undefined);
  }
});
