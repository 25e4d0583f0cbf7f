import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Budget, Reservation } from '@internal/plugin-cost-common';
import type { Knex } from 'knex';
import {
  Allocation,
  cents,
  costOf,
  dayOf,
  monthRange,
  Slice,
} from '../services/costMath';
import { BudgetState, CostStore, RollUpResult, TeamSlice } from './CostStore';
import { DatabaseLedger } from './DatabaseLedger';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-cost-backend',
  'migrations',
);

type ReservationRow = {
  id: string;
  team: string;
  month: string;
  resource: string;
  gpus: number;
  hours: number | string;
  estimate: number | string;
  reference: string | null;
  requested_by: string;
  created_at: string;
  expires_at: string;
  released_at: string | null;
};

type BudgetRow = {
  team: string;
  month: string;
  amount: number | string;
  currency: string;
  updated_by: string;
  updated_at: string;
};

const toBudget = (r: BudgetRow): Budget => ({
  team: r.team,
  month: r.month,
  amount: Number(r.amount),
  currency: r.currency,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

const toReservation = (r: ReservationRow, currency: string): Reservation => ({
  id: r.id,
  team: r.team,
  resource: r.resource,
  gpus: Number(r.gpus),
  hours: Number(r.hours),
  estimate: Number(r.estimate),
  currency,
  reference: r.reference ?? undefined,
  requestedBy: r.requested_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  releasedAt: r.released_at ?? undefined,
});

/** CostStore on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseCostStore implements CostStore {
  static async create(options: {
    database: DatabaseService;
    currency: string;
  }): Promise<DatabaseCostStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await DatabaseCostStore.migrateUp(knex);
    }
    return new DatabaseCostStore(knex, options.currency);
  }

  static async migrateUp(knex: Knex) {
    await knex.migrate.latest({ directory: migrationsDir });
  }

  static async migrateDown(knex: Knex) {
    await knex.migrate.rollback({ directory: migrationsDir }, true);
  }

  private readonly ledger: DatabaseLedger;

  private constructor(
    private readonly db: Knex,
    private readonly currency: string,
  ) {
    this.ledger = new DatabaseLedger(db);
  }

  recordStarts(allocations: Omit<Allocation, 'endedAt'>[]) {
    return this.ledger.recordStarts(allocations);
  }

  recordEnds(ends: Array<{ podUid: string; endedAt: string }>) {
    return this.ledger.recordEnds(ends);
  }

  openAllocations(): Promise<Allocation[]> {
    return this.ledger.openAllocations();
  }

  allocations(team: string, from: number, to: number): Promise<Allocation[]> {
    return this.ledger.allocations(team, from, to);
  }

  slices(team: string, from: string, to: string, now: Date): Promise<Slice[]> {
    return this.ledger.slices(team, from, to, now);
  }

  rollUp(now: Date): Promise<RollUpResult> {
    return this.ledger.rollUp(now);
  }

  hasRollUps(): Promise<boolean> {
    return this.ledger.hasRollUps();
  }

  replaceDays(days: string[], slices: TeamSlice[], rolledUntil: string) {
    return this.ledger.replaceDays(days, slices, rolledUntil);
  }

  async setBudget(budget: Budget): Promise<Budget> {
    await this.db('cost_budgets')
      .insert({
        team: budget.team,
        month: budget.month,
        amount: budget.amount,
        currency: budget.currency,
        updated_by: budget.updatedBy,
        updated_at: budget.updatedAt,
      })
      .onConflict(['team', 'month'])
      .merge();
    return budget;
  }

  async budgets(team: string): Promise<Budget[]> {
    const rows = await this.db<BudgetRow>('cost_budgets')
      .where({ team })
      .orderBy('month', 'desc');
    return rows.map(toBudget);
  }

  async budgetState(team: string, month: string, now: Date) {
    return this.stateIn(this.db, team, month, now);
  }

  private async stateIn(
    db: Knex | Knex.Transaction,
    team: string,
    month: string,
    now: Date,
    lock = false,
  ): Promise<BudgetState> {
    const budgetQuery = db<BudgetRow>('cost_budgets').where({ team, month });
    // PostgreSQL: the budget row is the lock every reservation of the team and month takes.
    // SQLite runs one write transaction at a time anyway.
    if (lock && db.client.config.client === 'pg') budgetQuery.forUpdate();
    const budgetRow = await budgetQuery.first();
    const { from, to } = monthRange(month);
    const spent = cents(
      await this.ledger.cost(team, dayOf(from), dayOf(to), now, db),
    );
    const open = await db<ReservationRow>('cost_reservations')
      .where({ team, month })
      .whereNull('released_at')
      .where('expires_at', '>', now.toISOString());
    // A reservation's pods already cost something: only the rest is still held.
    const usedByReservation = new Map<string, number>();
    for (const a of await this.ledger.ofReservations(
      open.map(r => r.id),
      db,
    )) {
      const c = cents(costOf(a, { from, to, now: now.getTime() }));
      usedByReservation.set(
        a.reservationId!,
        (usedByReservation.get(a.reservationId!) ?? 0) + c,
      );
    }
    const reserved = open.reduce(
      (sum, r) =>
        sum +
        Math.max(0, Number(r.estimate) - (usedByReservation.get(r.id) ?? 0)),
      0,
    );
    return {
      budget: budgetRow ? toBudget(budgetRow) : undefined,
      spent,
      reserved: Math.round(reserved * 100) / 100,
    };
  }

  async reserve(
    reservation: Reservation & { month: string },
    decide: (state: BudgetState) => void,
    now: Date,
  ): Promise<BudgetState> {
    return this.db.transaction(async tx => {
      const state = await this.stateIn(
        tx,
        reservation.team,
        reservation.month,
        now,
        true,
      );
      decide(state);
      await tx('cost_reservations').insert({
        id: reservation.id,
        team: reservation.team,
        month: reservation.month,
        resource: reservation.resource,
        gpus: reservation.gpus,
        hours: reservation.hours,
        estimate: reservation.estimate,
        reference: reservation.reference ?? null,
        requested_by: reservation.requestedBy,
        created_at: reservation.createdAt,
        expires_at: reservation.expiresAt,
        released_at: null,
      });
      return { ...state, reserved: state.reserved + reservation.estimate };
    });
  }

  async reservation(id: string): Promise<Reservation | undefined> {
    const row = await this.db<ReservationRow>('cost_reservations')
      .where({ id })
      .first();
    return row ? toReservation(row, this.currency) : undefined;
  }

  async budgetedTeams(month: string): Promise<string[]> {
    const rows = await this.db<BudgetRow>('cost_budgets')
      .where({ month })
      .orderBy('team')
      .select('team');
    return rows.map(r => r.team);
  }

  async sentAlerts(team: string, month: string): Promise<number[]> {
    const rows: Array<{ threshold: number | string }> = await this.db(
      'cost_budget_alerts',
    )
      .where({ team, month })
      .select('threshold');
    return rows.map(r => Number(r.threshold));
  }

  async markAlertSent(
    team: string,
    month: string,
    threshold: number,
    at: string,
  ): Promise<void> {
    await this.db('cost_budget_alerts')
      .insert({ team, month, threshold, sent_at: at })
      .onConflict(['team', 'month', 'threshold'])
      .ignore();
  }

  async release(ids: string[], at: string): Promise<number> {
    if (ids.length === 0) return 0;
    return this.db('cost_reservations')
      .whereIn('id', ids)
      .whereNull('released_at')
      .update({ released_at: at });
  }
}
