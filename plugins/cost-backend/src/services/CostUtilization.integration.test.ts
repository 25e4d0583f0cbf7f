// Idle GPU-hours and their cost, end to end on the real services: pods run on KWOK's simulated
// GPU nodes at the utilization their annotation asks for, the local exporter publishes it as
// dcgm-exporter would, the real Prometheus scrapes it every 5 s, the ledger bills the pods from
// the API server, and the summary prices what was idle.
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { KubeHttp } from '@internal/plugin-mlp-kube-node';
import {
  createSimulatedPod,
  createTestTeam,
  deleteTestNamespace,
  localCluster,
  podFinished,
  podTimes,
  servicesConfig,
  waitForPod,
} from '@internal/plugin-mlp-kube-node/testUtils';
import { readUtilizationSettings } from '@internal/plugin-utilization-node';
import { scrapedGpuSeconds } from '@internal/plugin-utilization-node/testUtils';
import {
  as,
  costServiceOn,
  perSecondRates,
  TestClock,
} from '../__testUtils__/costService';
import { PodLedgerSync } from './PodLedgerSync';

jest.setTimeout(150_000);
// On the A100 nodes: the jobs plugin's tests need an L4 node free meanwhile.
const A100 = 'NVIDIA-A100-SXM4-80GB';
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
let ns: string;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

beforeAll(async () => {
  // The figures are of one UTC day: do not start in the last two minutes of one.
  const toMidnight = 86_400_000 - (Date.now() % 86_400_000);
  if (toMidnight < 120_000) await sleep(toMidnight + 1000);
  ns = await createTestTeam('idle');
});
afterAll(() => deleteTestNamespace(ns));

it('prices the idle GPU-hours of each line as a hand calculation does, and keeps costs when Prometheus is down', async () => {
  const knex = await databases.init('SQLITE_3');
  const clock = new TestClock(new Date());
  const settings = readUtilizationSettings(servicesConfig());
  const { store, service } = await costServiceOn(knex, clock, settings);
  const sync = new PodLedgerSync(
    new KubeHttp(localCluster()),
    store,
    perSecondRates, // 1 EUR per GPU-second: the idle cost in EUR is the idle GPU-seconds
    mockServices.logger.mock(),
    clock.now,
  );
  await createSimulatedPod(ns, {
    name: 'forgotten-notebook',
    resources: { 'nvidia.com/gpu': '2' },
    labels: {
      'mlplatform.dev/project': 'exploration',
      'mlplatform.dev/user': 'amira.haddad',
    },
    runtime: '40s',
    gpuUtil: 4,
    gpuProduct: A100,
  });
  await createSimulatedPod(ns, {
    name: 'training',
    resources: { 'nvidia.com/gpu': '1' },
    labels: {
      'mlplatform.dev/project': 'support-bot',
      'mlplatform.dev/user': 'jonas.berg',
    },
    runtime: '40s',
    gpuUtil: 85,
    gpuProduct: A100,
  });
  const [idle, busy] = await Promise.all(
    ['forgotten-notebook', 'training'].map(async name =>
      podTimes(await waitForPod(ns, name, 'finished', podFinished, 90)),
    ),
  );
  // Prometheus sees the series end at its next scrape; the ledger records both ends.
  await sleep(11_000);
  clock.at = new Date();
  await sync.run();
  const today = clock.at.toISOString().slice(0, 10);
  const tomorrow = new Date(clock.at.getTime() + 86_400_000)
    .toISOString()
    .slice(0, 10);
  const summary = await service.summary(as.keeper, ns, {
    from: today,
    to: tomorrow,
  });
  expect(summary.utilizationSource).toEqual({
    state: 'measured',
    idleBelowPercent: 10,
    resolutionSeconds: 5,
  });
  const line = (key: string) => summary.byProject.find(l => l.key === key)!;
  const exploration = line('exploration').utilization!;
  const support = line('support-bot').utilization!;

  // By hand: the notebook held 2 GPUs at 4 %, all of it idle. Prometheus scraped each GPU every
  // 5 s; its raw samples × 5 s are the idle GPU-seconds, at 1 EUR per GPU-second. The portal
  // samples on a 5 s grid instead, so it may see one sample more or less per GPU and end.
  const handIdleSeconds = await scrapedGpuSeconds({
    baseUrl: settings.prometheus!.baseUrl,
    namespace: ns,
    pod: 'forgotten-notebook',
    scrapeSeconds: 5,
  });
  expect(exploration.averagePercent).toBe(4);
  expect(exploration.peakPercent).toBe(4);
  expect(Math.abs(exploration.idleCost! - handIdleSeconds)).toBeLessThanOrEqual(
    2 * 2 * 5,
  );
  // Each sample counts 5 GPU-seconds, so the cost is a multiple of 5 EUR; and the samples
  // cover the pod's run: 2 GPUs × its seconds, less what fell between two scrapes at each end.
  expect(exploration.idleCost! % 5).toBe(0);
  const runSeconds = 2 * ((idle.end!.getTime() - idle.start.getTime()) / 1000);
  expect(handIdleSeconds).toBeGreaterThan(runSeconds - 2 * 2 * 5);
  expect(handIdleSeconds).toBeLessThanOrEqual(runSeconds + 2 * 5);
  // The hours are shown to 3 decimals (3.6 s).
  expect(
    Math.abs(exploration.idleGpuHours * 3600 - exploration.idleCost!),
  ).toBeLessThanOrEqual(1.8);
  expect(exploration.idleGpuHours).toBe(exploration.measuredGpuHours);
  // The training GPU was busy: nothing idle, nothing priced as idle.
  expect(support.averagePercent).toBe(85);
  expect(support.idleGpuHours).toBe(0);
  expect(support.idleCost).toBe(0);
  const busyScraped = await scrapedGpuSeconds({
    baseUrl: settings.prometheus!.baseUrl,
    namespace: ns,
    pod: 'training',
    scrapeSeconds: 5,
  });
  expect(
    Math.abs(support.measuredGpuHours * 3600 - busyScraped),
  ).toBeLessThanOrEqual(2 * 5 + 1.8);
  expect(busyScraped).toBeGreaterThan(
    (busy.end!.getTime() - busy.start.getTime()) / 1000 - 2 * 5,
  );
  // Users and the total add up the same pods.
  expect(
    summary.byUser.find(l => l.key === 'amira.haddad')!.utilization,
  ).toEqual(exploration);
  expect(summary.utilization!.idleCost).toBe(exploration.idleCost);
  expect(summary.utilization!.peakPercent).toBe(85);
  // The average of both weighs each by its GPU-hours (shown rounded to 3 decimals here, so
  // the figure below is approximate).
  const weighted =
    (4 * exploration.measuredGpuHours + 85 * support.measuredGpuHours) /
    (exploration.measuredGpuHours + support.measuredGpuHours);
  expect(Math.abs(summary.utilization!.averagePercent - weighted)).toBeLessThan(
    3,
  );
  // Costs do not depend on Prometheus: with it unreachable they are the same, and it says why.
  const { service: blind } = await costServiceOn(
    knex,
    clock,
    readUtilizationSettings(
      new ConfigReader({
        utilization: { prometheus: { baseUrl: 'http://127.0.0.1:39' } },
      }),
    ),
  );
  const without = await blind.summary(as.keeper, ns, {
    from: today,
    to: tomorrow,
  });
  expect(without.cost).toBe(summary.cost);
  expect(without.byProject.map(l => l.utilization)).toEqual([
    undefined,
    undefined,
  ]);
  expect(without.utilization).toBeUndefined();
  expect(without.utilizationSource).toEqual({
    state: 'unavailable',
    message: expect.stringContaining(
      'Prometheus at http://127.0.0.1:39 did not answer',
    ),
  });
});
