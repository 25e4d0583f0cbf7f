// The ledger against the real kube-apiserver that scripts/services.sh runs. The pods really run:
// the scheduler places them on KWOK's simulated nodes and KWOK starts and ends them
// (services/kube/cluster/kwok-stages.yaml). The test writes no pod status; it checks the ledger
// against the pods' own timestamps, and against the time of the sync for a pod that was gone
// before any sync saw it end (all the ledger can know of it).
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { KubeHttp } from '@internal/plugin-mlp-kube-node';
import {
  createSimulatedPod,
  createTestTeam,
  deletePodAndWait,
  deleteTestNamespace,
  localCluster,
  podFinished,
  podStarted,
  podTimes,
  waitForPod,
} from '@internal/plugin-mlp-kube-node/testUtils';
import type { Knex } from 'knex';
import {
  as,
  costServiceOn,
  perSecondRates,
  shownHours,
  TestClock,
} from '../__testUtils__/costService';
import { cents } from './costMath';
import { PodLedgerSync } from './PodLedgerSync';
import { RateCard } from './RateCard';

jest.setTimeout(120_000);
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
/** A team namespace of its own (its team is its name): other suites run GPU pods meanwhile. */
let ns: string;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
/** A time as the API server writes it (whole seconds), as the ledger keeps the pod's. */
const iso = (t: Date) => t.toISOString().replace('.000Z', 'Z');
const seconds = (from: Date, to: Date) =>
  (to.getTime() - from.getTime()) / 1000;
const day = (t: Date) => t.toISOString().slice(0, 10);

beforeAll(async () => {
  // The first test's figures are of one UTC day: do not start in the last minute of one.
  const toMidnight = 86_400_000 - (Date.now() % 86_400_000);
  if (toMidnight < 60_000) await sleep(toMidnight + 1000);
  ns = await createTestTeam('cost');
});
afterAll(() => deleteTestNamespace(ns));

/**
 * Runs a sync on the next whole second (on the clock it was given), so that its time, like the
 * API server's, is whole seconds and every figure below is whole cents. Answers that time.
 */
async function syncAt(sync: PodLedgerSync, clock: TestClock): Promise<Date> {
  await sleep(1000 - (Date.now() % 1000));
  clock.at = new Date(Math.floor(Date.now() / 1000) * 1000);
  await sync.run();
  return clock.at;
}

/** The ledger's rows of the test's namespace, with their ends. */
function ledger(knex: Knex) {
  return knex('cost_allocations as a')
    .leftJoin('cost_allocation_ends as e', 'a.pod_uid', 'e.pod_uid')
    .where('a.namespace', ns)
    .orderBy(['a.pod', 'a.resource'])
    .select(
      'a.pod',
      'a.resource',
      'a.units',
      'a.project',
      'a.user',
      'a.started_at',
      'e.ended_at',
    );
}

it('records what pods held, to the cent, across a restart and a missed deletion', async () => {
  const knex = await databases.init('SQLITE_3');
  const clock = new TestClock(new Date());
  const { store } = await costServiceOn(knex, clock);
  const logger = mockServices.logger.mock();
  const sync = new PodLedgerSync(
    new KubeHttp(localCluster()),
    store,
    perSecondRates,
    logger,
    clock.now,
  );

  // A 2-GPU training pod that runs for 6 s, and a MIG notebook and a CPU-only pod (which costs
  // nothing) that run until they are deleted.
  await createSimulatedPod(ns, {
    name: 'train',
    resources: { 'nvidia.com/gpu': '2' },
    labels: {
      'mlplatform.dev/project': 'support-bot',
      'mlplatform.dev/model': 'ticket-classifier',
      'mlplatform.dev/user': 'amira.haddad',
    },
    runtime: '6s',
  });
  await createSimulatedPod(ns, {
    name: 'notebook',
    resources: { 'nvidia.com/mig-1g.10gb': '1' },
    labels: { 'mlplatform.dev/user': 'jonas.berg' },
  });
  await createSimulatedPod(ns, { name: 'cpu', resources: { cpu: '1' } });
  const [train, notebook, cpu] = await Promise.all(
    ['train', 'notebook', 'cpu'].map(name =>
      waitForPod(ns, name, 'started', podStarted),
    ),
  );
  expect(train.spec!.nodeName).toMatch(/^gpu-(a100|l4)-\d$/);
  expect(notebook.spec!.nodeName).toBe('gpu-a100-mig');
  expect(cpu.spec!.nodeName).toMatch(/^cpu-\d$/);
  const trainStart = podTimes(train).start;
  const notebookStart = podTimes(notebook).start;

  await syncAt(sync, clock);
  const first = await ledger(knex);
  expect(first).toEqual([
    {
      pod: 'notebook',
      resource: 'nvidia.com/mig-1g.10gb',
      units: 1,
      project: '(none)',
      user: 'jonas.berg',
      started_at: iso(notebookStart),
      ended_at: null,
    },
    {
      pod: 'train',
      resource: 'nvidia.com/gpu',
      units: 2,
      project: 'support-bot',
      user: 'amira.haddad',
      started_at: iso(trainStart),
      ended_at: null,
    },
  ]);
  await syncAt(sync, clock); // a second pass changes nothing
  expect(await ledger(knex)).toEqual(first);

  // The training pod ends (KWOK ends it after its runtime): the next sync records its
  // containers' end. Then it is deleted, and the sync after that leaves its end as it was.
  const trainEnd = podTimes(
    await waitForPod(ns, 'train', 'finished', podFinished),
  ).end!;
  expect(seconds(trainStart, trainEnd)).toBeGreaterThanOrEqual(6);
  await syncAt(sync, clock);
  await deletePodAndWait(ns, 'train');
  await syncAt(sync, clock);
  expect((await ledger(knex))[1].ended_at).toBe(iso(trainEnd));

  // The backend restarts (a new store and sync on the same database) and syncs again: the
  // notebook is still open, and nothing is counted twice.
  const restarted = await costServiceOn(knex, clock);
  const sync2 = new PodLedgerSync(
    new KubeHttp(localCluster()),
    restarted.store,
    perSecondRates,
    logger,
    clock.now,
  );
  await syncAt(sync2, clock);
  expect(
    (await restarted.store.openAllocations())
      .filter(a => a.namespace === ns)
      .map(a => a.pod),
  ).toEqual(['notebook']);

  // The notebook is deleted while nobody watches and is gone; the next sync, 2 s later, ends it
  // then (it cannot know better). A later sync changes nothing.
  const deleted = await deletePodAndWait(ns, 'notebook', 1);
  await sleep(2000);
  const seen = await syncAt(sync2, clock);
  expect(seen.getTime()).toBeGreaterThan(
    new Date(deleted.metadata!.deletionTimestamp!).getTime(),
  );
  await sleep(1000);
  await syncAt(sync2, clock);
  expect((await ledger(knex))[0].ended_at).toBe(seen.toISOString());

  const summary = await restarted.service.summary(as.keeper, ns, {
    from: day(trainStart),
    to: day(new Date(seen.getTime() + 86_400_000)),
  });
  // By hand, from the pods' times, at 1 EUR per GPU-second and 0.10 per MIG-slice-second:
  // train 2 GPUs × its runtime; the notebook 1 slice from its start to the sync that saw it gone.
  const trainGpuSeconds = 2 * seconds(trainStart, trainEnd);
  const notebookSeconds = seconds(notebookStart, seen);
  const trainCost = trainGpuSeconds;
  const notebookCost = cents(0.1 * notebookSeconds);
  expect(summary.byGpuType).toEqual([
    {
      key: 'nvidia.com/gpu',
      gpuHours: shownHours(trainGpuSeconds),
      cost: trainCost,
    },
    {
      key: 'nvidia.com/mig-1g.10gb',
      gpuHours: shownHours(notebookSeconds),
      cost: notebookCost,
    },
  ]);
  expect(summary.cost).toBe(cents(trainCost + notebookCost));
  expect(summary.byProject).toEqual([
    {
      key: 'support-bot',
      gpuHours: shownHours(trainGpuSeconds),
      cost: trainCost,
    },
    {
      key: '(none)',
      gpuHours: shownHours(notebookSeconds),
      cost: notebookCost,
    },
  ]);
  expect(summary.byUser.map(l => l.key)).toEqual([
    'amira.haddad',
    'jonas.berg',
  ]);
  expect(summary.daily).toEqual([
    {
      day: day(trainStart),
      gpuHours: shownHours(trainGpuSeconds + notebookSeconds),
      cost: cents(trainCost + notebookCost),
    },
  ]);
  // The ledger holds one row per pod and GPU type, and one end per pod; the CPU pod none.
  expect(
    await knex('cost_allocations').where({ namespace: ns }).count({ n: '*' }),
  ).toEqual([{ n: 2 }]);
  expect(
    await knex('cost_allocation_ends')
      .whereIn(
        'pod_uid',
        knex('cost_allocations').where({ namespace: ns }).select('pod_uid'),
      )
      .count({ n: '*' }),
  ).toEqual([{ n: 2 }]);
});

it('prices CPU and memory of team pods when their rates are configured', async () => {
  const knex = await databases.init('SQLITE_3');
  const clock = new TestClock(new Date());
  const { store, service } = await costServiceOn(knex, clock);
  // Per second: 0.02 EUR a core, 0.001 a GiB, 1 a GPU (whole cents for whole seconds).
  const withCompute = new RateCard(
    'EUR',
    new Map([['nvidia.com/gpu', 3600]]),
    undefined,
    { cpu: 72, memory: 3.6 },
  );
  const sync = new PodLedgerSync(
    new KubeHttp(localCluster()),
    store,
    withCompute,
    mockServices.logger.mock(),
    clock.now,
  );
  // The first test's CPU pod is still running: it counts too (1 core, until the summary's now).
  const cpuStart = podTimes(
    await waitForPod(ns, 'cpu', 'still running', p => !podFinished(p)),
  ).start;
  // An ETL pod that succeeds after 3 s, and a training pod that fails after 3 s.
  await createSimulatedPod(ns, {
    name: 'etl',
    resources: { cpu: '1500m', memory: '4Gi' },
    runtime: '3s',
  });
  await createSimulatedPod(ns, {
    name: 'train-big',
    resources: { 'nvidia.com/gpu': '1', cpu: '4', memory: '16Gi' },
    runtime: '3s',
    exitCode: 1,
    failure: 'CUDA out of memory',
  });
  await Promise.all(
    ['etl', 'train-big'].map(name =>
      waitForPod(ns, name, 'started', podStarted),
    ),
  );
  await syncAt(sync, clock);
  const [etl, big] = await Promise.all(
    ['etl', 'train-big'].map(name =>
      waitForPod(ns, name, 'finished', podFinished),
    ),
  );
  expect(etl.status!.phase).toBe('Succeeded');
  expect(big.status!.phase).toBe('Failed');
  const now = await syncAt(sync, clock);

  const mine = await knex('cost_allocations as a')
    .leftJoin('cost_allocation_ends as e', 'a.pod_uid', 'e.pod_uid')
    .where('a.namespace', ns)
    .orderBy(['a.pod', 'a.resource'])
    .select('a.pod', 'a.resource', 'a.units', 'a.gpus', 'e.ended_at');
  const etlTimes = podTimes(etl);
  const bigTimes = podTimes(big);
  expect(mine).toEqual([
    { pod: 'cpu', resource: 'cpu', units: 1, gpus: 0, ended_at: null },
    ...['cpu', 'memory'].map((resource, i) => ({
      pod: 'etl',
      resource,
      units: [1.5, 4][i],
      gpus: 0,
      ended_at: iso(etlTimes.end!),
    })),
    ...['cpu', 'memory', 'nvidia.com/gpu'].map((resource, i) => ({
      pod: 'train-big',
      resource,
      units: [4, 16, 1][i],
      gpus: [0, 0, 1][i],
      ended_at: iso(bigTimes.end!),
    })),
  ]);

  const summary = await service.summary(as.keeper, ns, {
    from: day(cpuStart),
    to: day(new Date(now.getTime() + 86_400_000)),
  });
  // By hand, from the pods' times: core-seconds 1 × the CPU pod's time so far + 1.5 × the ETL
  // pod's runtime + 4 × the training pod's; GiB-seconds 4 × ETL + 16 × training; the GPU 1 ×
  // training.
  const etlSeconds = seconds(etlTimes.start, etlTimes.end!);
  const bigSeconds = seconds(bigTimes.start, bigTimes.end!);
  const coreSeconds =
    seconds(cpuStart, now) + 1.5 * etlSeconds + 4 * bigSeconds;
  const gibSeconds = 4 * etlSeconds + 16 * bigSeconds;
  expect(summary.byComputeResource).toEqual([
    {
      key: 'cpu',
      unit: 'core-hours',
      unitHours: shownHours(coreSeconds),
      cost: cents(0.02 * coreSeconds),
    },
    {
      key: 'memory',
      unit: 'GiB-hours',
      unitHours: shownHours(gibSeconds),
      cost: cents(0.001 * gibSeconds),
    },
  ]);
  expect(summary.gpuHours).toEqual(shownHours(bigSeconds));
  expect(summary.cost).toBe(
    cents(0.02 * coreSeconds + 0.001 * gibSeconds + bigSeconds),
  );
});
