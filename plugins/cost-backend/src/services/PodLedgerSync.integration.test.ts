// The ledger against the real kube-apiserver that scripts/services.sh runs. There are no nodes,
// so the test plays the kubelet: it marks pods Running (status subresource) with a start time.
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { KubeHttp } from '@internal/plugin-mlp-kube-node';
import {
  kubeConfig,
  localCluster,
} from '@internal/plugin-mlp-kube-node/testUtils';
import * as k8s from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import {
  as,
  costServiceOn,
  rates,
  TestClock,
} from '../__testUtils__/costService';
import { PodLedgerSync } from './PodLedgerSync';
import { RateCard } from './RateCard';

jest.setTimeout(120_000);
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const core = kubeConfig('admin').makeApiClient(k8s.CoreV1Api);
const ns = `cost-${randomBytes(3).toString('hex')}`;
// A team of its own: other suites run GPU pods in namespaces of the usual teams meanwhile.
const team = ns;
const T0 = new Date('2026-11-10T08:00:00Z');

async function startPod(
  name: string,
  gpus: Record<string, string>,
  labels: Record<string, string>,
  startTime: Date,
) {
  await core.createNamespacedPod({
    namespace: ns,
    body: {
      metadata: { name, labels },
      spec: {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'train',
            image: 'ml-training:latest',
            resources: { requests: gpus, limits: gpus },
          },
        ],
      },
    },
  });
  await core.patchNamespacedPodStatus(
    {
      name,
      namespace: ns,
      body: {
        status: { phase: 'Running', startTime: startTime.toISOString() },
      },
    },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
}

async function deletePod(name: string) {
  await core.deleteNamespacedPod({
    name,
    namespace: ns,
    gracePeriodSeconds: 0,
  });
}

beforeAll(async () => {
  await core.createNamespace({
    body: { metadata: { name: ns, labels: { 'mlplatform.dev/team': team } } },
  });
});
afterAll(async () => {
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
});

it('records what pods held, to the cent, across a restart and a missed deletion', async () => {
  const knex = await databases.init('SQLITE_3');
  const clock = new TestClock(T0);
  const { store } = await costServiceOn(knex, clock);
  const logger = mockServices.logger.mock();
  const sync = new PodLedgerSync(
    new KubeHttp(localCluster()),
    store,
    rates,
    logger,
    clock.now,
  );

  // 08:00 a 2-GPU training pod and a MIG pod start; a CPU-only pod costs nothing.
  await startPod(
    'train',
    { 'nvidia.com/gpu': '2' },
    {
      'mlplatform.dev/project': 'support-bot',
      'mlplatform.dev/model': 'ticket-classifier',
      'mlplatform.dev/user': 'amira.haddad',
    },
    T0,
  );
  await startPod(
    'notebook',
    { 'nvidia.com/mig-1g.10gb': '1' },
    { 'mlplatform.dev/user': 'jonas.berg' },
    T0,
  );
  await startPod('cpu', { cpu: '1' }, {}, T0);
  clock.advance(1);
  await sync.run();
  await sync.run(); // a second pass changes nothing

  // 11:00 the training pod is deleted and seen.
  clock.advance(2);
  await deletePod('train');
  await sync.run();

  // The backend restarts (a new store and sync on the same database) and syncs again.
  const restarted = await costServiceOn(knex, clock);
  const sync2 = new PodLedgerSync(
    new KubeHttp(localCluster()),
    restarted.store,
    rates,
    logger,
    clock.now,
  );
  await sync2.run();

  // The notebook is deleted while nobody watches; the next sync, at 13:30, ends it then.
  await deletePod('notebook');
  clock.advance(2.5);
  await sync2.run();
  clock.advance(5);
  await sync2.run();

  const summary = await restarted.service.summary(as.keeper, team, {
    from: '2026-11-01',
    to: '2026-12-01',
  });
  // By hand: train 2 GPUs × 3 h × 2.50 = 15.00; notebook 1 × 5.5 h × 0.40 = 2.20.
  expect(summary.byGpuType).toEqual([
    { key: 'nvidia.com/gpu', gpuHours: 6, cost: 15 },
    { key: 'nvidia.com/mig-1g.10gb', gpuHours: 5.5, cost: 2.2 },
  ]);
  expect(summary.cost).toBe(17.2);
  expect(summary.byProject).toEqual([
    { key: 'support-bot', gpuHours: 6, cost: 15 },
    { key: '(none)', gpuHours: 5.5, cost: 2.2 },
  ]);
  expect(summary.byUser.map(l => l.key)).toEqual([
    'amira.haddad',
    'jonas.berg',
  ]);
  expect(summary.daily).toEqual([
    { day: '2026-11-10', gpuHours: 11.5, cost: 17.2 },
  ]);
  // The ledger holds one row per pod and GPU type, and one end per pod.
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
  const clock = new TestClock(T0);
  const { store, service } = await costServiceOn(knex, clock);
  const withCompute = new RateCard(
    'EUR',
    new Map([['nvidia.com/gpu', 2.5]]),
    undefined,
    { cpu: 0.04, memory: 0.005 },
  );
  const sync = new PodLedgerSync(
    new KubeHttp(localCluster()),
    store,
    withCompute,
    mockServices.logger.mock(),
    clock.now,
  );
  // The first test's CPU pod is still there: it counts too (1 core).
  await startPod('etl', { cpu: '1500m', memory: '4Gi' }, {}, T0);
  await startPod(
    'train-big',
    { 'nvidia.com/gpu': '1', cpu: '4', memory: '16Gi' },
    {},
    T0,
  );
  clock.advance(2);
  await sync.run();
  await deletePod('etl');
  await deletePod('train-big');
  await sync.run();
  const summary = await service.summary(as.keeper, team, {
    from: '2026-11-10',
    to: '2026-11-11',
  });
  const mine = await knex('cost_allocations')
    .where({ namespace: ns })
    .whereIn('pod', ['etl', 'train-big'])
    .orderBy(['pod', 'resource'])
    .select('pod', 'resource', 'units', 'gpus');
  expect(mine).toEqual([
    { pod: 'etl', resource: 'cpu', units: 1.5, gpus: 0 },
    { pod: 'etl', resource: 'memory', units: 4, gpus: 0 },
    { pod: 'train-big', resource: 'cpu', units: 4, gpus: 0 },
    { pod: 'train-big', resource: 'memory', units: 16, gpus: 0 },
    { pod: 'train-big', resource: 'nvidia.com/gpu', units: 1, gpus: 1 },
  ]);
  // By hand, 2 h each: CPU (1 + 1.5 + 4) × 2 × 0.04 = 0.52; memory (4 + 16) × 2 × 0.005 = 0.20;
  // the GPU 1 × 2 × 2.50 = 5.00.
  expect(summary.byComputeResource).toEqual([
    { key: 'cpu', unit: 'core-hours', unitHours: 13, cost: 0.52 },
    { key: 'memory', unit: 'GiB-hours', unitHours: 40, cost: 0.2 },
  ]);
  expect(summary.gpuHours).toBe(2);
  expect(summary.cost).toBe(5.72);
});
