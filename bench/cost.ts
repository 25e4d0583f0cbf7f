// GPU cost at scale, on SQLite and PostgreSQL: a ledger of 1,000,000 allocations for 50 teams over
// the last 90 days. Times the full daily roll-up, the month summary per team (p50/p95, against
// the way it was done before roll-ups: reading every allocation of the month from the ledger),
// the budget check (p50/p95), and budget checks per second under 50 concurrent clients. Runs the
// plugin's own store and service in this process (no HTTP). Prints figures; not a test.
// Usage: bash bench/cost.sh [ROWS]
import type {
  BackstageCredentials,
  DatabaseService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { localPostgresUrl } from '@internal/plugin-mlp-kube-node/testUtils';
import knexFactory, { Knex } from 'knex';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCostServices } from '../plugins/cost-backend/src/services/costServices';
import {
  Allocation,
  monthOf,
  summarise,
} from '../plugins/cost-backend/src/services/costMath';
import { RateCard } from '../plugins/cost-backend/src/services/RateCard';
import { DatabaseCostStore } from '../plugins/cost-backend/src/store/DatabaseCostStore';
import {
  allocationRow,
  openAllocationRow,
} from '../plugins/cost-backend/src/store/DatabaseLedger';
import { GpuUtilizationReader } from '@internal/plugin-utilization-node';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const TEAMS = 50;
const DAYS = 90;
const SAMPLES = 200;
const CLIENTS = 50;
const CONCURRENT_CHECKS = 2000;
const HOUR = 3_600_000;
const NOW = new Date();
const rates = new RateCard(
  'EUR',
  new Map([
    ['nvidia.com/gpu', 2.5],
    ['nvidia.com/mig-1g.10gb', 0.4],
  ]),
);
const team = (i: number) => `bench-team-${String(i).padStart(2, '0')}`;
const log = (message: string) => console.log(message);
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** A seeded generator, so both databases hold the same ledger. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
}

/** Pods of 1 to 8 GPUs running 1 to 12 h, started over the last 90 days; a few still running. */
function* ledger(): Generator<Allocation> {
  const next = random(42);
  for (let i = 0; i < ROWS; i++) {
    const t = i % TEAMS;
    const start = NOW.getTime() - Math.floor(next() * DAYS * 24 * 60) * 60_000;
    const end = start + (1 + Math.floor(next() * 12)) * HOUR;
    const mig = next() < 0.3;
    yield {
      podUid: `pod-${i}`,
      resource: mig ? 'nvidia.com/mig-1g.10gb' : 'nvidia.com/gpu',
      team: team(t),
      namespace: team(t),
      pod: `train-${i}`,
      project: `project-${Math.floor(next() * 8)}`,
      model: `model-${Math.floor(next() * 6)}`,
      user: `user-${Math.floor(next() * 12)}`,
      units: 1 + Math.floor(next() * 8),
      hourlyRate: mig ? 0.4 : 2.5,
      startedAt: new Date(start).toISOString(),
      endedAt: end < NOW.getTime() ? new Date(end).toISOString() : undefined,
    };
  }
}

/** Writes the ledger as the sync would have, in big batches (the sync writes a few rows at a time). */
async function seed(knex: Knex, batch: number) {
  const firstDay = new Map<string, string>();
  let rows: Allocation[] = [];
  const flush = async () => {
    await knex.transaction(async tx => {
      await tx('cost_allocations').insert(rows.map(allocationRow));
      const ended = rows.filter(a => a.endedAt);
      if (ended.length > 0) {
        await tx('cost_allocation_ends').insert(
          ended.map(a => ({
            pod_uid: a.podUid,
            ended_at: a.endedAt,
            team: a.team,
          })),
        );
      }
      const open = rows.filter(a => !a.endedAt);
      if (open.length > 0) {
        await tx('cost_open_allocations').insert(open.map(openAllocationRow));
      }
    });
    rows = [];
  };
  for (const a of ledger()) {
    const day = a.startedAt.slice(0, 10);
    if (!firstDay.has(a.team) || day < firstDay.get(a.team)!)
      firstDay.set(a.team, day);
    rows.push(a);
    if (rows.length === batch) await flush();
  }
  if (rows.length > 0) await flush();
  // Nothing rolled up yet: every team from its first day.
  for (const [t, day] of firstDay) {
    await knex('cost_rollup_state').insert({ team: t, rolled_until: day });
  }
}

function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function timed(times: number, fn: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return `p50 ${ms(percentile(samples, 50))}, p95 ${ms(
    percentile(samples, 95),
  )}`;
}

/** The summary as it was read before roll-ups: every allocation of the month, from the ledger. */
async function ledgerScanSummary(knex: Knex, t: string, from: Date, to: Date) {
  const rows = await knex('cost_allocations as a')
    .leftJoin('cost_allocation_ends as e', 'a.pod_uid', 'e.pod_uid')
    .where('a.team', t)
    .where('a.started_at', '<', to.toISOString())
    .andWhere(q =>
      q.whereNull('e.ended_at').orWhere('e.ended_at', '>', from.toISOString()),
    )
    .select('a.*', 'e.ended_at');
  return summarise(
    rows.map(r => ({
      ...r,
      units: Number(r.units ?? r.gpus),
      hourlyRate: Number(r.hourly_rate),
      startedAt: r.started_at,
      endedAt: r.ended_at ?? undefined,
    })),
    { from: from.getTime(), to: to.getTime(), now: NOW.getTime() },
  );
}

/** The scaffolder's service credentials: allowed everything, no team membership to look up. */
const credentials: BackstageCredentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'service', subject: 'plugin:bench' },
};

const quietLogger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

function serviceOn(store: DatabaseCostStore) {
  const permissions = {
    authorize: async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  } as unknown as PermissionsService;
  const userInfo = {
    getUserInfo: async () => {
      throw new Error('not called for service credentials');
    },
  } as UserInfoService;
  return createCostServices({
    store,
    rates,
    permissions,
    userInfo,
    logger: quietLogger,
    reservationGraceHours: 1,
    // No Prometheus: the bench measures the ledger.
    utilizationReader: new GpuUtilizationReader({
      idleBelowPercent: 10,
      resolutionSeconds: 60,
    }),
    now: () => NOW,
  });
}

async function bench(name: string, knex: Knex, batch: number) {
  log(`\n== ${name}`);
  let start = performance.now();
  await DatabaseCostStore.migrateUp(knex);
  await seed(knex, batch);
  const count = Number((await knex('cost_allocations').count({ n: '*' }))[0].n);
  log(
    `ledger: ${count} allocations for ${TEAMS} teams over ${DAYS} days, written in ${(
      (performance.now() - start) /
      1000
    ).toFixed(1)} s`,
  );
  const store = await DatabaseCostStore.create({
    database: { getClient: async () => knex } as DatabaseService,
    currency: 'EUR',
  });
  start = performance.now();
  const rolled = await store.rollUp(NOW);
  log(
    `full roll-up: ${rolled.teams} teams, ${rolled.days} team-days in ${(
      (performance.now() - start) /
      1000
    ).toFixed(1)} s (${Number(
      (await knex('cost_daily').count({ n: '*' }))[0].n,
    )} roll-up rows)`,
  );
  const { service, checks } = serviceOn(store);
  const month = monthOf(NOW);
  const from = `${month}-01`;
  const to = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() + 1, 1))
    .toISOString()
    .slice(0, 10);
  // The same figures both ways, for every team.
  let mismatches = 0;
  for (let t = 0; t < TEAMS; t++) {
    const fast = await service.summary(credentials, team(t), { from, to });
    const slow = await ledgerScanSummary(
      knex,
      team(t),
      new Date(`${from}T00:00:00Z`),
      new Date(`${to}T00:00:00Z`),
    );
    if (fast.cost !== slow.cost || fast.gpuHours !== slow.gpuHours)
      mismatches++;
  }
  log(
    `month summary equals the ledger scan for ${
      TEAMS - mismatches
    } of ${TEAMS} teams`,
  );
  log(
    `month summary per team (${month}, roll-up): ${await timed(SAMPLES, i =>
      service.summary(credentials, team(i % TEAMS), { from, to }),
    )}`,
  );
  log(
    `month summary per team (${month}, ledger scan as before roll-ups): ${await timed(
      Math.min(SAMPLES, 50),
      i =>
        ledgerScanSummary(
          knex,
          team(i % TEAMS),
          new Date(`${from}T00:00:00Z`),
          new Date(`${to}T00:00:00Z`),
        ),
    )}`,
  );
  for (let t = 0; t < TEAMS; t++) {
    await store.setBudget({
      team: team(t),
      month,
      amount: 10_000_000,
      currency: 'EUR',
      updatedBy: 'user:default/bench',
      updatedAt: NOW.toISOString(),
    });
  }
  log(
    `budget check (reserve), one client: ${await timed(SAMPLES, i =>
      checks.check(credentials, { team: team(i % TEAMS), gpus: 2, hours: 4 }),
    )}`,
  );
  let next = 0;
  let accepted = 0;
  start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < CONCURRENT_CHECKS) {
        const i = next++;
        await checks.check(credentials, {
          team: team(i % TEAMS),
          gpus: 1,
          hours: 2,
        });
        accepted++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  log(
    `budget checks under ${CLIENTS} concurrent clients: ${accepted} accepted in ${seconds.toFixed(
      1,
    )} s = ${(accepted / seconds).toFixed(0)} checks/s`,
  );
}

async function main() {
  log(
    `GPU cost bench: ${ROWS} ledger rows, ${TEAMS} teams, ${DAYS} days, now ${NOW.toISOString()}; ${SAMPLES} samples per latency, node ${
      process.version
    }`,
  );
  const dir = join(__dirname, '..', 'data', 'bench');
  const file = join(dir, 'cost-bench.sqlite');
  rmSync(file, { force: true });
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  try {
    await bench(
      'SQLite (file, one connection, as the portal runs it)',
      sqlite,
      500,
    );
  } finally {
    await sqlite.destroy();
    rmSync(file, { force: true });
  }
  const url = new URL(localPostgresUrl());
  const admin = knexFactory({ client: 'pg', connection: url.toString() });
  await admin.raw('DROP DATABASE IF EXISTS mlp_bench_cost');
  await admin.raw('CREATE DATABASE mlp_bench_cost');
  url.pathname = '/mlp_bench_cost';
  const pg = knexFactory({
    client: 'pg',
    connection: url.toString(),
    pool: { min: 0, max: 10 },
  });
  try {
    await bench('PostgreSQL (local server, pool of 10)', pg, 1000);
  } finally {
    await pg.destroy();
    await admin.raw('DROP DATABASE IF EXISTS mlp_bench_cost');
    await admin.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
