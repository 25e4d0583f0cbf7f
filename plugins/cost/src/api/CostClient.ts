import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  Budget,
  BudgetStatus,
  CostSummary,
  SetBudget,
} from '@internal/plugin-cost-common';
import { BackendRequests } from '@internal/plugin-mlp-react';
import type { CostApi, CostRange, CostRates } from './CostApi';

const PLUGIN_ID = 'cost';

/** Talks to the cost backend through fetchApi, so every call carries the user's token. */
export class CostClient implements CostApi {
  private readonly backend: BackendRequests;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new BackendRequests(PLUGIN_ID, options);
  }

  async getRates(): Promise<CostRates> {
    return this.backend.request<CostRates>('/rates');
  }

  async getSummary(team: string, range: CostRange): Promise<CostSummary> {
    return this.backend.request<CostSummary>(
      `${teamPath(team)}/summary?${rangeQuery(range)}`,
    );
  }

  async exportSummaryCsv(team: string, range: CostRange): Promise<Blob> {
    return this.backend.request<Blob>(
      `${teamPath(team)}/summary?${rangeQuery(range, 'csv')}`,
      undefined,
      res => res.blob(),
    );
  }

  async getBudgetStatus(team: string): Promise<BudgetStatus> {
    return this.backend.request<BudgetStatus>(
      `${teamPath(team)}/budget-status`,
    );
  }

  async listBudgets(team: string): Promise<Budget[]> {
    const body = await this.backend.request<{ budgets: Budget[] }>(
      `/budgets/${encodeURIComponent(team)}`,
    );
    return body.budgets;
  }

  async setBudget(team: string, budget: SetBudget): Promise<Budget> {
    return this.backend.request<Budget>(
      `/budgets/${encodeURIComponent(team)}`,
      {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ month: budget.month, amount: budget.amount }),
      },
    );
  }
}

function teamPath(team: string): string {
  return `/teams/${encodeURIComponent(team)}`;
}

function rangeQuery(range: CostRange, format?: 'csv'): string {
  const query = new URLSearchParams({ from: range.from, to: range.to });
  if (format) {
    query.set('format', format);
  }
  return query.toString();
}
