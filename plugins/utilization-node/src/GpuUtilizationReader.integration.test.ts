// Against the local cluster (KWOK's simulated GPU nodes), the GPU metrics exporter and the real
// Prometheus that scrapes it every 5 s (scripts/services.sh).
import {
  core,
  createSimulatedPod,
  createTestTeam,
  deleteTestNamespace,
  podFinished,
  podStarted,
  podTimes,
  servicesConfig,
  waitForPod,
} from '@internal/plugin-mlp-kube-node/testUtils';
import { ConfigReader } from '@backstage/config';
import { createServer } from 'node:net';
import { GpuUtilizationReader, podKey } from './GpuUtilizationReader';
import { scrapedGpuSeconds } from './testUtils';
import { readUtilizationSettings } from './settings';

jest.setTimeout(150_000);
// On the A100 nodes: the jobs plugin's tests need an L4 node free meanwhile.
const A100 = 'NVIDIA-A100-SXM4-80GB';

const settings = readUtilizationSettings(servicesConfig());
let team: string;

beforeAll(async () => {
  team = await createTestTeam('util');
});
afterAll(() => deleteTestNamespace(team));

describe('GpuUtilizationReader on the real Prometheus', () => {
  it('measures each pod: average, peak, GPU-hours and the idle ones, as a hand calculation gives', async () => {
    const reader = new GpuUtilizationReader(settings);
    expect(settings.resolutionSeconds).toBe(5);
    await createSimulatedPod(team, {
      name: 'idle-2gpu',
      resources: { 'nvidia.com/gpu': '2' },
      runtime: '40s',
      gpuUtil: 5,
      gpuProduct: A100,
    });
    await createSimulatedPod(team, {
      name: 'busy',
      resources: { 'nvidia.com/gpu': '1' },
      gpuUtil: 80,
      gpuProduct: A100,
    });
    await waitForPod(team, 'busy', 'started', podStarted);
    const idlePod = await waitForPod(
      team,
      'idle-2gpu',
      'finished',
      podFinished,
      90,
    );
    const idle = podTimes(idlePod);
    const node = await core.readNode({ name: idlePod.spec!.nodeName! });
    const gpuMemory = Number(node.metadata!.labels!['nvidia.com/gpu.memory']);
    const runSeconds = (idle.end!.getTime() - idle.start.getTime()) / 1000;
    // Prometheus marks the series stale at its next scrape after the pod ended.
    await new Promise(r => setTimeout(r, 11_000));
    const window = {
      from: new Date(idle.start.getTime() - 30_000),
      to: new Date(),
    };
    const answer = await reader.pods({ namespaces: [team] }, window);
    expect(answer.source).toEqual({
      state: 'measured',
      idleBelowPercent: 10,
      resolutionSeconds: 5,
    });
    const idleUse = answer.pods!.get(podKey(team, 'idle-2gpu'))!;
    const busyUse = answer.pods!.get(podKey(team, 'busy'))!;
    expect(idleUse.averagePercent).toBe(5);
    expect(idleUse.peakPercent).toBe(5);
    // By hand: 2 GPUs for the pod's run, all of it under 10 %. Prometheus scraped each GPU
    // every 5 s; the reader samples on a 5 s grid, so it may see a sample more or less per GPU
    // and end than the raw samples. Those cover the run, less what fell between two scrapes.
    const scraped = await scrapedGpuSeconds({
      baseUrl: settings.prometheus!.baseUrl,
      namespace: team,
      pod: 'idle-2gpu',
      scrapeSeconds: 5,
    });
    expect(
      Math.abs(idleUse.measuredGpuHours * 3600 - scraped),
    ).toBeLessThanOrEqual(2 * 2 * 5);
    expect(scraped).toBeGreaterThan(2 * runSeconds - 2 * 2 * 5);
    expect(scraped).toBeLessThanOrEqual(2 * runSeconds + 2 * 5);
    expect(idleUse.idleGpuHours).toBe(idleUse.measuredGpuHours);
    // 2 GiB held plus 5 % of the rest of the node's GPU memory.
    expect(idleUse.peakMemoryMiB).toBe(
      Math.round(2048 + ((gpuMemory - 2048) * 5) / 100),
    );
    expect(busyUse.averagePercent).toBe(80);
    expect(busyUse.peakPercent).toBe(80);
    expect(busyUse.idleGpuHours).toBe(0);
    expect(busyUse.measuredGpuHours).toBeGreaterThan(0);
    // Only the named pods, when names are given.
    const named = await reader.pods(
      { namespaces: [team], pods: ['busy'] },
      window,
    );
    expect([...named.pods!.keys()]).toEqual([podKey(team, 'busy')]);
    expect(reader.requestCount).toBe(10);
  });

  it('says Prometheus does not answer, instead of failing, when it is down', async () => {
    const closedPort = await new Promise<number>(resolve => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const baseUrl = `http://127.0.0.1:${closedPort}`;
    const reader = new GpuUtilizationReader(
      readUtilizationSettings(
        new ConfigReader({ utilization: { prometheus: { baseUrl } } }),
      ),
    );
    const answer = await reader.pods(
      { namespaces: [team] },
      { from: new Date(Date.now() - 60_000), to: new Date() },
    );
    expect(answer.pods).toBeUndefined();
    expect(answer.source).toEqual({
      state: 'unavailable',
      message: `Prometheus at ${baseUrl} did not answer (fetch failed: connect ECONNREFUSED 127.0.0.1:${closedPort}); check that it is up and utilization.prometheus.baseUrl points at it`,
    });
  });

  it('reads nothing without a Prometheus configured', async () => {
    const reader = new GpuUtilizationReader(
      readUtilizationSettings(new ConfigReader({})),
    );
    expect(
      await reader.pods(
        { namespaces: [team] },
        { from: new Date(), to: new Date() },
      ),
    ).toEqual({ source: { state: 'not-configured' } });
  });
});
