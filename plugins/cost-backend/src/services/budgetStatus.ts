import type { BudgetStatus } from '@internal/plugin-cost-common';
import type { BudgetState } from '../store/CostStore';
import { cents } from './costMath';

const ALERT_THRESHOLDS = [50, 80, 100];

/** A team's month against its budget: spent, reserved, what remains, the thresholds crossed. */
export function budgetStatus(
  team: string,
  month: string,
  state: BudgetState,
  currency: string,
): BudgetStatus {
  const used = state.spent + state.reserved;
  const budget = state.budget?.amount;
  return {
    team,
    month,
    currency: currency,
    budget,
    spent: cents(state.spent),
    reserved: cents(state.reserved),
    remaining: budget === undefined ? undefined : cents(budget - used),
    alerts:
      budget === undefined
        ? []
        : ALERT_THRESHOLDS.filter(t => used >= (budget * t) / 100),
  };
}
