import type { Budget, Reservation } from '@internal/plugin-cost-common';
import type { Allocation, Slice } from '../services/costMath';

/** What a team holds against its budget for a month, read inside the reservation transaction. */
export type BudgetState = {
  budget?: Budget;
  /** Ledger cost of the month so far. */
  spent: number;
  /** Estimates of open reservations, less what their pods already cost. */
  reserved: number;
};

/** A slice of one team's GPU use. */
export type TeamSlice = Slice & { team: string };

export type RollUpResult = {
  /** Teams whose days were rolled up. */
  teams: number;
  /** Team-days rolled up (again). */
  days: number;
};

/**
 * The allocation ledger (append-only) and what is derived from it: the open-allocation index and
 * the daily roll-up.
 */
export interface LedgerStore {
  /** Records allocations that started; ones already recorded (same pod UID) are left as they are. */
  recordStarts(allocations: Omit<Allocation, 'endedAt'>[]): Promise<void>;
  /** Records ends; a pod's end is recorded once, later ones are left out. */
  recordEnds(ends: Array<{ podUid: string; endedAt: string }>): Promise<void>;
  /** Allocations without an end. */
  openAllocations(): Promise<Allocation[]>;
  /**
   * The team's allocations that overlap [from, to) (epoch milliseconds): running ones, and ones
   * that ended after `from`.
   */
  allocations(team: string, from: number, to: number): Promise<Allocation[]>;
  /**
   * The team's GPU use over the days [from, to) (`YYYY-MM-DD`, `to` excluded), split per day and
   * dimension: rolled-up days from the daily roll-up, the rest (today, stale days) from the ledger.
   */
  slices(team: string, from: string, to: string, now: Date): Promise<Slice[]>;
  /**
   * Rolls up every team's days before today that are not rolled up yet or were made stale by a
   * late ledger write. Safe to run at any time, next to ledger writes and other passes.
   */
  rollUp(now: Date): Promise<RollUpResult>;
  /** Whether any day is rolled up. */
  hasRollUps(): Promise<boolean>;
  /**
   * Replaces whole days of the roll-up with figures from an outside source (OpenCost), and
   * marks every team rolled up until `rolledUntil`, so the days are read from the roll-up only.
   */
  replaceDays(
    days: string[],
    slices: TeamSlice[],
    rolledUntil: string,
  ): Promise<void>;
}

/** Teams' monthly budgets, what they hold against them, and the alerts sent. */
export interface BudgetStore {
  setBudget(budget: Budget): Promise<Budget>;
  budgets(team: string): Promise<Budget[]>;
  budgetState(team: string, month: string, now: Date): Promise<BudgetState>;
  /** Teams with a budget for the month. */
  budgetedTeams(month: string): Promise<string[]>;
  /** The alert thresholds already sent for the team and month. */
  sentAlerts(team: string, month: string): Promise<number[]>;
  /** Records that an alert was sent (once; a second record changes nothing). */
  markAlertSent(
    team: string,
    month: string,
    threshold: number,
    at: string,
  ): Promise<void>;
}

/** Budget reservations: made by a budget check, released when their job ends or fails. */
export interface ReservationStore {
  /**
   * In one transaction that no other reservation of the team and month can interleave with:
   * reads the budget state, lets `decide` refuse (by throwing), and stores the reservation.
   */
  reserve(
    reservation: Reservation & { month: string },
    decide: (state: BudgetState) => void,
    now: Date,
  ): Promise<BudgetState>;
  reservation(id: string): Promise<Reservation | undefined>;
  /** Marks open reservations released; answers how many were open. */
  release(ids: string[], at: string): Promise<number>;
}

/** The cost plugin's whole store (DatabaseCostStore); each part asks only for what it uses. */
export type CostStore = LedgerStore & BudgetStore & ReservationStore;
