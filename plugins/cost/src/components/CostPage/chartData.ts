import type { Budget, CostSummary } from '@internal/plugin-cost-common';
import { daysBetween, daysInMonth } from '../shared/dates';
import { cents } from '../shared/format';

export type ChartRow = {
  day: string;
  /** Spend that day. */
  cost: number;
  /** The day's share of its month's budget; undefined for a month without one. */
  budgetPerDay?: number;
};

/**
 * One row per day of the summary's range, days without spend included (the backend lists only
 * days with spend), each with its month's budget spread evenly over the month's days.
 */
export function dailyRows(summary: CostSummary, budgets: Budget[]): ChartRow[] {
  const spend = new Map(summary.daily.map(d => [d.day, d.cost]));
  const budgetOf = new Map(budgets.map(b => [b.month, b.amount]));
  return daysBetween(summary.from, summary.to).map(day => {
    const month = day.slice(0, 7);
    const budget = budgetOf.get(month);
    return {
      day,
      cost: spend.get(day) ?? 0,
      budgetPerDay:
        budget === undefined ? undefined : cents(budget / daysInMonth(month)),
    };
  });
}
