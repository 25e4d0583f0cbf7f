import { TestDatabases } from '@backstage/backend-test-utils';
import { localPostgresUrl } from '@internal/plugin-mlp-kube-node/testUtils';
import type { Knex } from 'knex';
import {
  Allocation,
  cents,
  dayStart,
  summarise,
  summariseSlices,
} from '../services/costMath';
import { DatabaseCostStore } from './DatabaseCostStore';
import { DatabaseLedger } from './DatabaseLedger';

process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING =
  localPostgresUrl();
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
jest.setTimeout(120_000);

const NOW = new Date('2026-11-23T15:00:00Z');
const HOUR = 3_600_000;

/** A deterministic ledger: pods of two teams over three weeks, some still running. */
function ledger(count: number, seed = 7): Allocation[] {
  let x = seed;
  const next = () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
  return Array.from({ length: count }, (_, i) => {
    const start = dayStart('2026-11-01') + Math.floor(next() * 22 * 24) * HOUR;
    const hours = 1 + Math.floor(next() * 60);
    const end = start + hours * HOUR;
    return {
      podUid: `pod-${seed}-${i}`,
      resource: next() < 0.7 ? 'nvidia.com/gpu' : 'nvidia.com/mig-1g.10gb',
      team: next() < 0.5 ? 'nlp-team' : 'vision-team',
      namespace: 'ns',
      pod: `train-${i}`,
      project: `project-${Math.floor(next() * 3)}`,
      model: `model-${Math.floor(next() * 2)}`,
      user: `user-${Math.floor(next() * 4)}`,
      units: 1 + Math.floor(next() * 4),
      hourlyRate: next() < 0.7 ? 2.5 : 0.4,
      startedAt: new Date(start).toISOString(),
      endedAt: end < NOW.getTime() ? new Date(end).toISOString() : undefined,
    };
  });
}

async function record(store: DatabaseLedger, allocations: Allocation[]) {
  await store.recordStarts(allocations.map(({ endedAt: _, ...a }) => a));
  await store.recordEnds(
    allocations
      .filter(a => a.endedAt)
      .map(a => ({ podUid: a.podUid, endedAt: a.endedAt! })),
  );
}

const expected = (allocations: Allocation[], team: string) =>
  summarise(
    allocations.filter(a => a.team === team),
    {
      from: dayStart('2026-11-01'),
      to: dayStart('2026-12-01'),
      now: NOW.getTime(),
    },
  );

/** The month's summary, checked against the total the budget check adds up in the database. */
const month = async (store: DatabaseLedger, team: string) => {
  const summary = summariseSlices(
    await store.slices(team, '2026-11-01', '2026-12-01', NOW),
  );
  expect(cents(await store.cost(team, '2026-11-01', '2026-12-01', NOW))).toBe(
    summary.cost,
  );
  return summary;
};

describe.each(databases.eachSupportedId())('The daily roll-up on %p', id => {
  let knex: Knex;
  let store: DatabaseLedger;
  beforeEach(async () => {
    knex = await databases.init(id);
    await DatabaseCostStore.migrateUp(knex);
    store = new DatabaseLedger(knex);
  });

  it('gives the same month, day by day and per dimension, before and after rolling up', async () => {
    const allocations = ledger(300);
    await record(store, allocations);
    for (const team of ['nlp-team', 'vision-team']) {
      expect(await month(store, team)).toEqual(expected(allocations, team));
    }
    const result = await store.rollUp(NOW);
    // Both teams, every day from their first ledger day up to yesterday.
    expect(result.teams).toBe(2);
    expect(result.days).toBe(44);
    for (const team of ['nlp-team', 'vision-team']) {
      const summary = await month(store, team);
      expect(summary).toEqual(expected(allocations, team));
      expect(summary.cost).toBeGreaterThan(1000);
    }
    // A second pass has nothing to do.
    expect(await store.rollUp(NOW)).toEqual({ teams: 0, days: 0 });
  });

  it('reads rolled-up days from the roll-up, not from the ledger', async () => {
    const allocations = ledger(100);
    await record(store, allocations);
    await store.rollUp(NOW);
    const before = await month(store, 'nlp-team');
    // Behind the store's back (the ledger is never edited): wipe the ledger of days before today.
    await knex('cost_allocation_ends').delete();
    await knex('cost_open_allocations').delete();
    await knex('cost_allocations').delete();
    const after = await month(store, 'nlp-team');
    const today = (d: { day: string }) => d.day === '2026-11-23';
    expect(after.daily.filter(d => !today(d))).toEqual(
      before.daily.filter(d => !today(d)),
    );
    expect(after.daily.filter(today)).toEqual([]);
  });

  it('re-rolls days a late ledger write lands on, and counts it at once', async () => {
    const running: Allocation = {
      ...ledger(1)[0],
      podUid: 'late',
      team: 'nlp-team',
      units: 2,
      hourlyRate: 2.5,
      startedAt: '2026-11-10T00:00:00.000Z',
      endedAt: undefined,
    };
    await record(store, [running]);
    await store.rollUp(NOW);
    // 13 days + 15 h × 2 GPUs × 2.50.
    expect((await month(store, 'nlp-team')).cost).toBe(1635);
    // Seen finished after a restart: it ended on the 12th at noon.
    await store.recordEnds([
      { podUid: 'late', endedAt: '2026-11-12T12:00:00.000Z' },
    ]);
    const state = await knex('cost_rollup_state')
      .where({ team: 'nlp-team' })
      .first();
    expect(state.rolled_until).toBe('2026-11-12');
    // 60 h × 2 × 2.50, before and after the next pass.
    expect((await month(store, 'nlp-team')).cost).toBe(300);
    expect(await store.rollUp(NOW)).toEqual({ teams: 1, days: 11 });
    expect((await month(store, 'nlp-team')).cost).toBe(300);
    // Recording the same end again changes nothing.
    await store.recordEnds([
      { podUid: 'late', endedAt: '2026-11-13T00:00:00.000Z' },
    ]);
    expect(
      (await knex('cost_rollup_state').where({ team: 'nlp-team' }).first())
        .rolled_until,
    ).toBe('2026-11-23');
  });

  it('lets the watch and the resync record the same pods at the same moment', async () => {
    const other = new DatabaseLedger(knex);
    const allocations: Allocation[] = [];
    // Rounds of fresh pods, each written by three writers at once: a start read before another
    // writer's end committed must not re-open the pod.
    for (let seed = 5; seed < 45; seed++) {
      const round = ledger(30, seed);
      allocations.push(...round);
      await Promise.all([
        record(store, round),
        // A resync that listed the pods while they still ran.
        other.recordStarts(round),
        record(other, round),
        store.recordStarts(round),
      ]);
    }
    expect(
      Number((await knex('cost_allocations').count({ n: '*' }))[0].n),
    ).toBe(allocations.length);
    expect(
      Number((await knex('cost_open_allocations').count({ n: '*' }))[0].n),
    ).toBe(allocations.filter(a => !a.endedAt).length);
    for (const team of ['nlp-team', 'vision-team']) {
      expect(await month(store, team)).toEqual(expected(allocations, team));
    }
  });

  it('never loses a late write that races a roll-up pass', async () => {
    const allocations: Allocation[] = ledger(40, 11).map(a => ({
      ...a,
      endedAt: undefined,
    }));
    await record(store, allocations);
    const truth = allocations.map(a => ({ ...a }));
    for (const [i, a] of truth.entries()) {
      // Each pod turns out to have ended 5 h after it started, learnt while a pass runs.
      const endedAt = new Date(Date.parse(a.startedAt) + 5 * HOUR);
      a.endedAt = endedAt.toISOString();
      await Promise.all([
        store.rollUp(new Date(NOW.getTime() + i * 60_000)),
        store.recordEnds([{ podUid: a.podUid, endedAt: a.endedAt }]),
      ]);
      // Right at once, with no further pass.
      for (const team of ['nlp-team', 'vision-team']) {
        expect((await month(store, team)).cost).toBe(
          expected(truth, team).cost,
        );
      }
    }
  });
});

describe.each(databases.eachSupportedId())(
  'The roll-up migration on %p',
  id => {
    it('derives open allocations, end teams and roll-up state from an existing ledger, and goes back down', async () => {
      const knex = await databases.init(id);
      const directory = `${__dirname}/../../migrations`;
      // The two migrations before the roll-up.
      await knex.migrate.up({ directory });
      await knex.migrate.up({ directory });
      const allocations = ledger(60);
      for (const a of allocations) {
        await knex('cost_allocations').insert({
          pod_uid: a.podUid,
          resource: a.resource,
          team: a.team,
          namespace: a.namespace,
          pod: a.pod,
          project: a.project,
          model: a.model,
          user: a.user,
          reservation_id: null,
          gpus: a.units,
          hourly_rate: a.hourlyRate,
          started_at: a.startedAt,
        });
        if (a.endedAt) {
          await knex('cost_allocation_ends').insert({
            pod_uid: a.podUid,
            ended_at: a.endedAt,
          });
        }
      }
      await knex.migrate.up({ directory });
      const store = new DatabaseLedger(knex);
      expect((await store.openAllocations()).length).toBe(
        allocations.filter(a => !a.endedAt).length,
      );
      expect(
        Number(
          (
            await knex('cost_allocation_ends')
              .whereNull('team')
              .count({ n: '*' })
          )[0].n,
        ),
      ).toBe(0);
      for (const team of ['nlp-team', 'vision-team']) {
        expect(await month(store, team)).toEqual(expected(allocations, team));
      }
      await store.rollUp(NOW);
      for (const team of ['nlp-team', 'vision-team']) {
        expect(await month(store, team)).toEqual(expected(allocations, team));
      }
      await knex.migrate.down({ directory });
      expect(await knex.schema.hasTable('cost_daily')).toBe(false);
      expect(await knex.schema.hasColumn('cost_allocation_ends', 'team')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('cost_allocations')).toBe(true);
    });
  },
);
