// Training jobs really run: submitted through the jobs API, created by Argo's controller as pods,
// placed by the scheduler on KWOK's simulated GPU nodes and ended by KWOK's pod stages
// (services/kube/cluster/kwok-stages.yaml). Nothing here writes a pod's or a workflow's status:
// every phase, start and end below is what the controller, the scheduler and KWOK did.
import { randomBytes } from 'node:crypto';
import {
  core,
  createTeam,
  GPU_RATE,
  jobBase,
  podsOf,
  SCIENTIST,
  secondsBetween,
  startJobsBackend,
  until,
} from './__testUtils__/jobsBackend';
import { servicesConfig } from '@internal/plugin-mlp-kube-node/testUtils';
import { scrapedGpuSeconds } from '@internal/plugin-utilization-node/testUtils';
import type { NodeObject, PodObject } from './services/kubeObjects';
import { GPU_PRODUCT_LABEL } from './services/labels';
import { freeOnNodes } from './services/waitingReason';

jest.setTimeout(240_000);

const team = `life-${randomBytes(3).toString('hex')}`;
const month = new Date().toISOString().slice(0, 7);
let portal: Awaited<ReturnType<typeof startJobsBackend>>;
const base = jobBase(team);

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

it('runs a 2-GPU job on a GPU node, succeeds, bills its real runtime and frees the GPUs', async () => {
  const id = await portal.submit({
    ...base,
    name: 'short-train',
    project: 'short-train',
    gpus: 2,
    simulate: { runtime: '12s' },
  });
  const running = await until(
    'Running',
    async () => {
      const j = await portal.read(id);
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
    const j = await portal.read(id);
    return j.phase === 'Succeeded' ? j : undefined;
  });
  const [pod] = await podsOf(team, id);
  expect(pod.phase).toBe('Succeeded');
  const ran = secondsBetween(pod.start, pod.end!);
  // KWOK ends it 12 s after the pod's own start (timestamps have whole seconds).
  expect(ran).toBeGreaterThanOrEqual(12);
  expect(ran).toBeLessThanOrEqual(14);
  expect(done).toMatchObject({ attempts: 1, exitCode: 0, runtimeSeconds: ran });
  expect(new Date(done.startedAt).getTime()).toBe(
    new Date(pod.start).getTime(),
  );
  expect(done.finishedAt).toBeDefined();

  // The ledger bills 2 GPUs × its runtime × the rate, to the cent.
  const expected = Math.round(2 * (ran / 3600) * GPU_RATE * 100) / 100;
  const line = await until('the cost of the finished pod', async () => {
    const l = await portal.costOf('short-train');
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

it("shows how busy a job's GPUs were, and prices its idle GPU-hours at its rate, as the cost page does", async () => {
  // Its GPUs report 5 % (the local GPU metrics exporter reads the pod's annotation), all idle.
  const id = await portal.submit({
    ...base,
    name: 'idle-train',
    project: 'idle-train',
    gpus: 1,
    simulate: { runtime: '30s', gpuUtil: 5 },
  });
  await until(
    'Succeeded',
    async () => {
      const j = await portal.read(id);
      return j.phase === 'Succeeded' ? j : undefined;
    },
    90,
  );
  // Prometheus marks its series stale at the next scrape, 5 s at most.
  await new Promise(r => setTimeout(r, 11_000));
  const job = await portal.read(id);
  expect(job.utilizationSource).toEqual({
    state: 'measured',
    idleBelowPercent: 10,
    resolutionSeconds: 5,
  });
  expect(job.utilization).toMatchObject({ averagePercent: 5, peakPercent: 5 });
  const u = job.utilization!;
  // By hand: one GPU, all of its samples under 10 %: Prometheus's raw samples × 5 s, give or
  // take a sample at each end (the portal samples on a 5 s grid).
  const scraped = await scrapedGpuSeconds({
    baseUrl: servicesConfig().getString('utilization.prometheus.baseUrl'),
    namespace: team,
    pod: job.pods[0],
    scrapeSeconds: 5,
  });
  expect(Math.abs(u.idleGpuHours * 3600 - scraped)).toBeLessThanOrEqual(
    2 * 5 + 1.8,
  );
  expect(scraped).toBeGreaterThan(job.runtimeSeconds - 2 * 5);
  expect(u.idleGpuHours).toBe(u.measuredGpuHours);
  expect(Math.abs(u.idleCost! - u.idleGpuHours * GPU_RATE)).toBeLessThanOrEqual(
    0.005 + 0.0005 * GPU_RATE,
  );
  // The cost page's line of its project says the same.
  const line = await until('its cost line', async () => {
    const l = await portal.costOf('idle-train');
    return l?.utilization ? l : undefined;
  });
  expect(line.utilization).toEqual(u);
});

it('shows a failing job as Failed with its exit and reason, and counts its retries', async () => {
  const id = await portal.submit({
    ...base,
    name: 'oom-train',
    gpus: 1,
    retries: 2,
    simulate: { runtime: '3s', exitCode: 3, failure: 'CUDA out of memory' },
  });
  const failed = await until('Failed', async () => {
    const j = await portal.read(id);
    return j.phase === 'Failed' ? j : undefined;
  });
  expect(failed).toMatchObject({
    attempts: 3,
    exitCode: 3,
    message:
      'main: Error (exit code 3): CUDA out of memory (No more retries left)',
  });
  const pods = await podsOf(team, id);
  expect(pods).toHaveLength(3);
  expect(pods.every(p => p.phase === 'Failed')).toBe(true);
});

it('stops a job at its deadline and bills it only up to then', async () => {
  // 18 s: Argo gives the pod the rest of the workflow's deadline; KWOK ends it there.
  const id = await portal.submit({
    ...base,
    name: 'too-long',
    project: 'too-long',
    gpus: 1,
    timeoutHours: 0.005,
  });
  const failed = await until('Failed at its deadline', async () => {
    const j = await portal.read(id);
    return j.phase === 'Failed' ? j : undefined;
  });
  const [pod] = await podsOf(team, id);
  expect(pod.phase).toBe('Failed');
  const ran = secondsBetween(pod.start, pod.end!);
  expect(ran).toBeLessThanOrEqual(18);
  expect(failed.message).toMatch(/deadline/i);
  const expected = Math.round(1 * (ran / 3600) * GPU_RATE * 100) / 100;
  const line = await until('the cost up to the deadline', async () => {
    const l = await portal.costOf('too-long');
    return l && Math.abs(l.cost - expected) < 0.005 ? l : undefined;
  });
  expect(line.cost).toBeCloseTo(expected, 2);
  expect(failed.runtimeSeconds).toBe(ran);
});

it('says why a job that cannot fit on any node waits, and starts it when GPUs free up', async () => {
  // Fill each L4 node (4 GPUs) but one GPU with pods that end in 20 s, then ask for 4 L4 GPUs:
  // no node has them until the fillers end. The cluster is shared (the demo's jobs, other tests),
  // so each filler takes what is free on its node now, less one.
  const l4 = (
    await core.listNode({ labelSelector: `${GPU_PRODUCT_LABEL}=NVIDIA-L4` })
  ).items;
  const busy = (await core.listPodForAllNamespaces()).items;
  const free = new Map(
    l4.map(n => [
      n.metadata!.name!,
      freeOnNodes(
        [n as unknown as NodeObject],
        busy as unknown as PodObject[],
        'nvidia.com/gpu',
      )[0],
    ]),
  );
  if (![...free.values()].some(f => f >= 4)) {
    throw new Error(
      `no L4 node has its 4 GPUs free for this test (free: ${JSON.stringify([
        ...free,
      ])}); something else holds them`,
    );
  }
  const fillers = `fill-${randomBytes(3).toString('hex')}`;
  await core.createNamespace({ body: { metadata: { name: fillers } } });
  try {
    for (const [node, gpus] of free) {
      if (gpus < 2) continue;
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
                  requests: { 'nvidia.com/gpu': String(gpus - 1) },
                  limits: { 'nvidia.com/gpu': String(gpus - 1) },
                },
              },
            ],
          },
        },
      });
    }
    const id = await portal.submit({
      ...base,
      name: 'wide-l4',
      gpus: 4,
      gpuProduct: 'NVIDIA-L4',
      simulate: { runtime: '2s' },
    });
    const waiting = await until('Pending with a reason', async () => {
      const j = await portal.read(id);
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
      const j = await portal.read(id);
      return j.phase === 'Succeeded' ? j : undefined;
    });
    expect(done.node).toMatch(/^gpu-l4-/);
  } finally {
    await core.deleteNamespace({ name: fillers }).catch(() => undefined);
  }
});
