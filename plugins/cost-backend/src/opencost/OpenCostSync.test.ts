import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { as, costServiceOn, TestClock } from '../__testUtils__/costService';
import { readCostSource } from './config';
import { OpenCostClient } from './OpenCostClient';
import { OpenCostSync } from './OpenCostSync';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const NOW = new Date('2026-11-23T12:00:00Z');

/** One pod's allocation as OpenCost's /allocation/compute documents it (fields this test needs). */
function allocation(
  name: string,
  props: Record<string, unknown>,
  gpuHours: number,
  gpuCost: number,
  window: { start: string; end: string },
) {
  return {
    name,
    properties: { cluster: 'default-cluster', node: 'gpu-node-1', ...props },
    window,
    start: window.start,
    end: window.end,
    minutes: 1440,
    cpuCores: 4,
    cpuCoreHours: 96,
    cpuCost: 1.2,
    gpuCount: gpuHours / 24,
    gpuHours,
    gpuCost,
    gpuCostAdjustment: 0,
    ramBytes: 1e10,
    ramCost: 0.5,
    totalCost: gpuCost + 1.7,
  };
}

/** A stand-in for OpenCost (it needs Prometheus and node metrics, which do not run here). */
class FakeOpenCost {
  server: Server;
  requests: URL[] = [];
  fail?: { status: number; body: string };
  constructor() {
    this.server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://localhost');
      this.requests.push(url);
      if (this.fail) {
        res.writeHead(this.fail.status, { 'Content-Type': 'application/json' });
        res.end(this.fail.body);
        return;
      }
      const [start, end] = url.searchParams.get('window')!.split(',');
      const window = { start, end };
      const set = {
        'nlp-train-0': allocation(
          'nlp-train-0',
          {
            namespace: 'nlp-team',
            pod: 'nlp-train-0',
            // Prometheus-style label names, as OpenCost reports them.
            labels: {
              mlplatform_dev_project: 'support-bot',
              mlplatform_dev_model: 'ticket-classifier',
              mlplatform_dev_user: 'amira.haddad',
            },
            namespaceLabels: { mlplatform_dev_team: 'nlp-team' },
          },
          48,
          120,
          window,
        ),
        'notebook-1': allocation(
          'notebook-1',
          { namespace: 'vision-team', pod: 'notebook-1' },
          10,
          4,
          window,
        ),
        'web-0': allocation(
          'web-0',
          { namespace: 'nlp-team', pod: 'web-0' },
          0,
          0,
          window,
        ),
        __idle__: allocation('__idle__', {}, 100, 250, window),
      };
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 200, status: 'success', data: [set] }));
    });
  }
  async start() {
    await new Promise<void>(r => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
}

describe('Cost from OpenCost', () => {
  let fake: FakeOpenCost;
  let url: string;
  beforeEach(async () => {
    fake = new FakeOpenCost();
    url = await fake.start();
  });
  afterEach(() => fake.server.close());

  const setup = async () => {
    const knex = await databases.init('SQLITE_3');
    const clock = new TestClock(NOW);
    const { store, service } = await costServiceOn(knex, clock);
    const sync = new OpenCostSync(
      new OpenCostClient(url),
      store,
      mockServices.logger.mock(),
      { backfillDays: 5, lookbackDays: 2, now: clock.now },
    );
    return { store, service, sync };
  };

  it('fills the roll-up per pod, team and day from /allocation/compute', async () => {
    const { service, sync } = await setup();
    expect(await sync.run()).toEqual({ days: 5, rows: 10 });
    expect(fake.requests.map(r => r.pathname)).toEqual(
      Array(5).fill('/allocation/compute'),
    );
    expect(fake.requests[0].searchParams.get('aggregate')).toBe('pod');
    expect(fake.requests[0].searchParams.get('accumulate')).toBe('true');
    expect(fake.requests[0].searchParams.get('window')).toBe(
      '2026-11-19T00:00:00Z,2026-11-20T00:00:00Z',
    );
    // Today so far: up to now.
    expect(fake.requests[4].searchParams.get('window')).toBe(
      '2026-11-23T00:00:00Z,2026-11-23T12:00:00Z',
    );
    const nlp = await service.summary(as.keeper, 'nlp-team', {
      from: '2026-11-01',
      to: '2026-12-01',
    });
    // 5 days × 120; idle cost is nobody's, the CPU-only pod costs nothing here.
    expect(nlp.cost).toBe(600);
    expect(nlp.gpuHours).toBe(240);
    expect(nlp.byProject).toEqual([
      { key: 'support-bot', gpuHours: 240, cost: 600 },
    ]);
    expect(nlp.byUser[0].key).toBe('amira.haddad');
    expect(nlp.daily).toHaveLength(5);
    // Without team labels, the namespace is the team.
    const vision = await service.summary(as.keeper, 'vision-team', {
      from: '2026-11-01',
      to: '2026-12-01',
    });
    expect(vision.cost).toBe(20);
    // Budget checks count it too.
    await service.setBudget(as.keeper, 'nlp-team', {
      month: '2026-11',
      amount: 700,
    });
    expect((await service.budgetStatus(as.keeper, 'nlp-team')).spent).toBe(600);
    // The next pass redoes only the last two days, and changes nothing.
    await sync.run();
    expect(fake.requests).toHaveLength(7);
    expect(
      (
        await service.summary(as.keeper, 'nlp-team', {
          from: '2026-11-01',
          to: '2026-12-01',
        })
      ).cost,
    ).toBe(600);
  });

  it.each([
    [
      { status: 500, body: '{"code":500,"message":"prometheus unreachable"}' },
      /refused \/allocation\/compute \(500, code 500\): prometheus unreachable/,
    ],
    [
      { status: 200, body: '<html>proxy login</html>' },
      /not JSON: <html>proxy login/,
    ],
    [
      { status: 200, body: '{"code":200,"data":[{"p":{"name":"p"}}]}' },
      /shape this portal does not read \(data\.0\.p\.window/,
    ],
  ])('keeps what it had when OpenCost answers %j', async (fail, message) => {
    const { service, sync } = await setup();
    await sync.run();
    fake.fail = fail;
    await expect(sync.run()).rejects.toThrow(message);
    expect(
      (
        await service.summary(as.keeper, 'nlp-team', {
          from: '2026-11-01',
          to: '2026-12-01',
        })
      ).cost,
    ).toBe(600);
  });

  it('says when OpenCost does not answer at all', async () => {
    fake.server.close();
    const client = new OpenCostClient('http://127.0.0.1:9', fetch, 2000);
    await expect(
      client.podAllocations(new Date(0), new Date(1000)),
    ).rejects.toThrow(/did not answer .*Check cost\.opencost\.baseUrl/);
  });
});

describe('cost.source', () => {
  const read = (cost: object) => () =>
    readCostSource(new ConfigReader({ cost }));
  it('is the ledger unless OpenCost is asked for', () => {
    expect(read({})()).toEqual({ type: 'ledger' });
    expect(
      read({ source: 'opencost', opencost: { baseUrl: 'http://oc:9003' } })(),
    ).toEqual({
      type: 'opencost',
      opencost: {
        baseUrl: 'http://oc:9003',
        syncMinutes: 60,
        backfillDays: 30,
        lookbackDays: 3,
      },
    });
  });
  it('names the setting and the fix when it is wrong', () => {
    expect(read({ source: 'kubecost' })).toThrow(
      /cost.source is 'kubecost'; it is ledger .* or opencost/,
    );
    expect(read({ source: 'opencost' })).toThrow(
      /cost.opencost.baseUrl must be OpenCost's API address/,
    );
    expect(
      read({
        source: 'opencost',
        opencost: { baseUrl: 'http://oc:9003', lookbackDays: 0 },
      }),
    ).toThrow(
      /cost.opencost.lookbackDays is 0; it is a whole number from 1 to 31/,
    );
  });
});
