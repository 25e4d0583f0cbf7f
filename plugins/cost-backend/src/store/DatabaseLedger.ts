import type { Knex } from 'knex';
import {
  Allocation,
  COMPUTE_UNITS,
  costOf,
  dayOf,
  dayStart,
  Slice,
  slicesOf,
} from '../services/costMath';
import type { RollUpResult, TeamSlice } from './CostStore';

/** Writes in chunks: SQLite allows at most 999 bound values per statement. */
const CHUNK = 50;

/** The PostgreSQL advisory lock that ledger writes take in turn (any constant of this plugin's
 * own database). */
const LEDGER_WRITE_LOCK = 7_243_001;

type Db = Knex | Knex.Transaction;

type AllocationRow = {
  pod_uid: string;
  resource: string;
  team: string;
  namespace: string;
  pod: string;
  project: string;
  model: string;
  user: string;
  reservation_id: string | null;
  gpus: number;
  units?: number | string | null;
  hourly_rate: number | string;
  started_at: string;
  ended_at?: string | null;
};

type SliceRow = {
  team: string;
  day: string;
  project: string;
  model: string;
  user: string;
  resource: string;
  gpu_hours: number | string;
  cost: number | string;
};

type StateRow = { team: string; rolled_until: string };

const toAllocation = (r: AllocationRow): Allocation => ({
  podUid: r.pod_uid,
  resource: r.resource,
  team: r.team,
  namespace: r.namespace,
  pod: r.pod,
  project: r.project,
  model: r.model,
  user: r.user,
  reservationId: r.reservation_id ?? undefined,
  units: Number(r.units ?? r.gpus),
  hourlyRate: Number(r.hourly_rate),
  startedAt: r.started_at,
  endedAt: r.ended_at ?? undefined,
});

const toSlice = (r: SliceRow): Slice => ({
  day: r.day,
  project: r.project,
  model: r.model,
  user: r.user,
  resource: r.resource,
  unitHours: Number(r.gpu_hours),
  cost: Number(r.cost),
});

const chunks = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) =>
    items.slice(i * CHUNK, (i + 1) * CHUNK),
  );

/** A ledger row of `cost_allocations` for an allocation's start. */
export function allocationRow(a: Omit<Allocation, 'endedAt'>): AllocationRow {
  return {
    pod_uid: a.podUid,
    resource: a.resource,
    team: a.team,
    namespace: a.namespace,
    pod: a.pod,
    project: a.project,
    model: a.model,
    user: a.user,
    reservation_id: a.reservationId ?? null,
    gpus: a.resource in COMPUTE_UNITS ? 0 : Math.round(a.units),
    units: a.units,
    hourly_rate: a.hourlyRate,
    started_at: a.startedAt,
  };
}

/** Its row in the open-allocation index, while it has no end. */
export function openAllocationRow(
  a: Pick<Allocation, 'podUid' | 'resource' | 'team'>,
) {
  return { pod_uid: a.podUid, resource: a.resource, team: a.team };
}

/**
 * The append-only allocation ledger and what is derived from it: the open-allocation index and
 * the daily roll-up. Only rows that are new are written, and each new row that lands on a day
 * already rolled up marks the team's roll-up stale from that day (see the roll-up migration).
 */
export class DatabaseLedger {
  constructor(private readonly db: Knex) {}

  async recordStarts(allocations: Omit<Allocation, 'endedAt'>[]) {
    for (const chunk of chunks(allocations)) {
      await this.db.transaction(async tx => {
        await lockLedger(tx);
        const known = new Set(
          (
            await tx('cost_allocations')
              .whereIn(
                'pod_uid',
                chunk.map(a => a.podUid),
              )
              .select('pod_uid', 'resource')
          ).map(r => `${r.pod_uid}/${r.resource}`),
        );
        const fresh = chunk.filter(
          a => !known.has(`${a.podUid}/${a.resource}`),
        );
        if (fresh.length === 0) return;
        await tx('cost_allocations')
          .insert(fresh.map(allocationRow))
          // Another writer (the watch and the resync) may have inserted the same row meanwhile.
          .onConflict(['pod_uid', 'resource'])
          .ignore();
        const uids = fresh.map(a => a.podUid);
        // A pod whose end was recorded before its start (its rate was configured late) is closed.
        const ended = await endedPods(tx, uids);
        const open = fresh.filter(a => !ended.has(a.podUid));
        if (open.length > 0) {
          await tx('cost_open_allocations')
            .insert(open.map(openAllocationRow))
            .onConflict(['pod_uid', 'resource'])
            .ignore();
        }
        for (const a of fresh.filter(f => ended.has(f.podUid))) {
          await tx('cost_allocation_ends')
            .where({ pod_uid: a.podUid })
            .whereNull('team')
            .update({ team: a.team });
        }
        for (const [team, day] of earliestDays(
          fresh.map(a => [a.team, a.startedAt]),
        )) {
          await this.markStale(tx, team, day);
        }
      });
    }
  }

  async recordEnds(ends: Array<{ podUid: string; endedAt: string }>) {
    for (const chunk of chunks(ends)) {
      await this.db.transaction(async tx => {
        await lockLedger(tx);
        const uids = chunk.map(e => e.podUid);
        const known = await endedPods(tx, uids);
        const fresh = chunk.filter(e => !known.has(e.podUid));
        if (fresh.length === 0) return;
        const teamOf = new Map(
          (
            await tx('cost_allocations')
              .whereIn(
                'pod_uid',
                fresh.map(e => e.podUid),
              )
              .select('pod_uid', 'team')
          ).map(r => [r.pod_uid as string, r.team as string]),
        );
        await tx('cost_allocation_ends')
          .insert(
            fresh.map(e => ({
              pod_uid: e.podUid,
              ended_at: e.endedAt,
              team: teamOf.get(e.podUid) ?? null,
            })),
          )
          .onConflict('pod_uid')
          .ignore();
        await tx('cost_open_allocations')
          .whereIn(
            'pod_uid',
            fresh.map(e => e.podUid),
          )
          .delete();
        const touched = fresh
          .filter(e => teamOf.has(e.podUid))
          .map(e => [teamOf.get(e.podUid)!, e.endedAt] as [string, string]);
        for (const [team, day] of earliestDays(touched)) {
          await this.markStale(tx, team, day);
        }
      });
    }
  }

  async openAllocations(team?: string, db: Db = this.db) {
    const query = db<AllocationRow>('cost_open_allocations as o')
      .join('cost_allocations as a', function on() {
        this.on('a.pod_uid', 'o.pod_uid').andOn('a.resource', 'o.resource');
      })
      .select('a.*');
    if (team) query.where('o.team', team);
    return (await query).map(toAllocation);
  }

  /** The team's allocations that overlap [from, to): running ones, and ones that ended after `from`. */
  async allocations(
    team: string,
    from: number,
    to: number,
    db: Db = this.db,
  ): Promise<Allocation[]> {
    const before = new Date(to).toISOString();
    const ended = await db<AllocationRow>('cost_allocation_ends as e')
      .join('cost_allocations as a', 'a.pod_uid', 'e.pod_uid')
      .where('e.team', team)
      .where('e.ended_at', '>', new Date(from).toISOString())
      .where('a.started_at', '<', before)
      .select('a.*', 'e.ended_at');
    const open = (await this.openAllocations(team, db)).filter(
      a => a.startedAt < before,
    );
    return [...ended.map(toAllocation), ...open];
  }

  /** Allocations of pods that ran under the given reservations. */
  async ofReservations(ids: string[], db: Db = this.db) {
    if (ids.length === 0) return [];
    const rows = await db<AllocationRow>('cost_allocations as a')
      .leftJoin('cost_allocation_ends as e', 'a.pod_uid', 'e.pod_uid')
      .whereIn('a.reservation_id', ids)
      .select('a.*', 'e.ended_at');
    return rows.map(toAllocation);
  }

  async slices(
    team: string,
    from: string,
    to: string,
    now: Date,
    db: Db = this.db,
  ): Promise<Slice[]> {
    const parts = await this.split(team, from, to, db);
    if (!parts) return [];
    const rolled = parts.rolled
      ? (await this.dailyRows(team, parts.rolled, db)).map(toSlice)
      : [];
    if (!parts.live) return rolled;
    const live = slicesOf(
      await this.allocations(team, parts.live.from, parts.live.to, db),
      { ...parts.live, now: now.getTime() },
    );
    return [...rolled, ...live];
  }

  /** The team's cost over the days [from, to): a sum in the database for rolled-up days. */
  async cost(
    team: string,
    from: string,
    to: string,
    now: Date,
    db: Db = this.db,
  ): Promise<number> {
    const parts = await this.split(team, from, to, db);
    if (!parts) return 0;
    let total = 0;
    if (parts.rolled) {
      const [row] = await this.dailyRows(team, parts.rolled, db).sum({
        total: 'cost',
      });
      total += Number(row?.total ?? 0);
    }
    if (parts.live) {
      for (const a of await this.allocations(
        team,
        parts.live.from,
        parts.live.to,
        db,
      )) {
        total += costOf(a, { ...parts.live, now: now.getTime() });
      }
    }
    return total;
  }

  /**
   * The days [from, to) split into what the roll-up holds (days) and what is read from the
   * ledger (ms); undefined when the team has no ledger rows at all.
   */
  private async split(team: string, from: string, to: string, db: Db) {
    const state = await db<StateRow>('cost_rollup_state')
      .where({ team })
      .first();
    if (!state) return undefined;
    const edge = state.rolled_until < to ? state.rolled_until : to;
    const liveFrom = dayStart(from > edge ? from : edge);
    const liveTo = dayStart(to);
    return {
      rolled: from < edge ? { from, to: edge } : undefined,
      live: liveFrom < liveTo ? { from: liveFrom, to: liveTo } : undefined,
    };
  }

  private dailyRows(team: string, days: { from: string; to: string }, db: Db) {
    return db<SliceRow>('cost_daily')
      .where({ team })
      .where('day', '>=', days.from)
      .where('day', '<', days.to);
  }

  async rollUp(now: Date): Promise<RollUpResult> {
    const today = dayOf(now.getTime());
    const stale = await this.db<StateRow>('cost_rollup_state')
      .where('rolled_until', '<', today)
      .select('team');
    const result: RollUpResult = { teams: 0, days: 0 };
    for (const { team } of stale) {
      const days = await this.db.transaction(async tx => {
        // Ledger writers take this lock too: none can land between the read and the update.
        const state = await this.lockState(tx, team);
        if (!state || state.rolled_until >= today) return 0;
        const from = dayStart(state.rolled_until);
        const to = dayStart(today);
        const slices = slicesOf(await this.allocations(team, from, to, tx), {
          from,
          to,
          now: now.getTime(),
        });
        await tx('cost_daily')
          .where({ team })
          .where('day', '>=', state.rolled_until)
          .delete();
        for (const chunk of chunks(slices)) {
          await tx('cost_daily').insert(
            chunk.map(s => ({
              team,
              day: s.day,
              project: s.project,
              model: s.model,
              user: s.user,
              resource: s.resource,
              gpu_hours: s.unitHours,
              cost: s.cost,
            })),
          );
        }
        await tx('cost_rollup_state')
          .where({ team })
          .update({ rolled_until: today });
        return Math.round((to - from) / 86_400_000);
      });
      if (days > 0) {
        result.teams += 1;
        result.days += days;
      }
    }
    return result;
  }

  async hasRollUps(): Promise<boolean> {
    return Boolean(await this.db('cost_daily').first('team'));
  }

  async replaceDays(days: string[], slices: TeamSlice[], rolledUntil: string) {
    await this.db.transaction(async tx => {
      for (const chunk of chunks(days)) {
        await tx('cost_daily').whereIn('day', chunk).delete();
      }
      for (const chunk of chunks(slices)) {
        await tx('cost_daily').insert(
          chunk.map(s => ({
            team: s.team,
            day: s.day,
            project: s.project,
            model: s.model,
            user: s.user,
            resource: s.resource,
            gpu_hours: s.unitHours,
            cost: s.cost,
          })),
        );
      }
      const teams = [...new Set(slices.map(s => s.team))].sort();
      for (const chunk of chunks(teams)) {
        await tx('cost_rollup_state')
          .insert(chunk.map(team => ({ team, rolled_until: rolledUntil })))
          .onConflict('team')
          .ignore();
      }
      await tx('cost_rollup_state')
        .where('rolled_until', '<', rolledUntil)
        .update({ rolled_until: rolledUntil });
    });
  }

  /** A new ledger row on `day`: the team's roll-up is stale from that day on. */
  private async markStale(tx: Knex.Transaction, team: string, day: string) {
    await tx('cost_rollup_state')
      .insert({ team, rolled_until: day })
      .onConflict('team')
      .ignore();
    const state = await this.lockState(tx, team);
    if (state && state.rolled_until > day) {
      await tx('cost_rollup_state')
        .where({ team })
        .update({ rolled_until: day });
    }
  }

  /** The team's roll-up state, locked until the transaction ends (PostgreSQL; SQLite runs one
   * write transaction at a time). */
  private async lockState(tx: Knex.Transaction, team: string) {
    const query = tx<StateRow>('cost_rollup_state').where({ team });
    if (tx.client.config.client === 'pg') query.forUpdate();
    return query.first();
  }
}

/**
 * Ledger writes, one at a time until the transaction ends. The watch and the resync record the
 * same pods concurrently; without it, on PostgreSQL's read committed, a start that read "no end
 * yet" could re-open a pod whose end another writer committed in between, and the pod would
 * count as running for ever. SQLite already runs one write transaction at a time.
 */
async function lockLedger(tx: Knex.Transaction) {
  if (tx.client.config.client === 'pg') {
    await tx.raw('select pg_advisory_xact_lock(?)', [LEDGER_WRITE_LOCK]);
  }
}

/** Which of these pods already have their end recorded. */
async function endedPods(db: Db, uids: string[]): Promise<Set<string>> {
  const rows = await db('cost_allocation_ends')
    .whereIn('pod_uid', uids)
    .select('pod_uid');
  return new Set(rows.map(r => r.pod_uid as string));
}

/** The earliest UTC day per team of (team, timestamp) pairs, by team (the order locks are taken in). */
function earliestDays(pairs: Array<[string, string]>): Array<[string, string]> {
  const earliest = new Map<string, string>();
  for (const [team, at] of pairs) {
    const day = dayOf(at);
    const seen = earliest.get(team);
    if (!seen || day < seen) earliest.set(team, day);
  }
  return [...earliest].sort(([a], [b]) => a.localeCompare(b));
}
