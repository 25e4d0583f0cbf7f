import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  Budget,
  BudgetStatus,
  CostSummary,
  SetBudget,
} from '@internal/plugin-cost-common';

/** What one GPU-hour costs per GPU type (GET /rates). */
export type CostRates = {
  currency: string;
  gpuHourlyRates: Record<string, number>;
};

/** Days in UTC, `YYYY-MM-DD`; `to` is exclusive. */
export type CostRange = { from: string; to: string };

/** The cost backend's REST API, as the frontend uses it. */
export interface CostApi {
  getRates(): Promise<CostRates>;
  /** A team's spend over [from, to), with its daily figures and breakdowns. */
  getSummary(team: string, range: CostRange): Promise<CostSummary>;
  /** The same summary as the backend's CSV file. */
  exportSummaryCsv(team: string, range: CostRange): Promise<Blob>;
  /** Where a team stands against this month's budget. */
  getBudgetStatus(team: string): Promise<BudgetStatus>;
  /** Every budget set for a team, one per month. */
  listBudgets(team: string): Promise<Budget[]>;
  /** Sets a team's budget for a month: platform keepers only. */
  setBudget(team: string, budget: SetBudget): Promise<Budget>;
}

export const costApiRef = createApiRef<CostApi>().with({
  id: 'plugin.cost.api',
  pluginId: 'cost',
});
