import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  Budget,
  BudgetStatus,
  CostSummary,
  SetBudget,
} from '@internal/plugin-cost-common';
import type { CostApi, CostRange, CostRates } from './CostApi';

const PLUGIN_ID = 'cost';

/** Talks to the cost backend through fetchApi, so every call carries the user's token. */
export class CostClient implements CostApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getRates(): Promise<CostRates> {
    return this.request<CostRates>('/rates');
  }

  async getSummary(team: string, range: CostRange): Promise<CostSummary> {
    return this.request<CostSummary>(
      `${teamPath(team)}/summary?${rangeQuery(range)}`,
    );
  }

  async exportSummaryCsv(team: string, range: CostRange): Promise<Blob> {
    return this.request<Blob>(
      `${teamPath(team)}/summary?${rangeQuery(range, 'csv')}`,
      undefined,
      res => res.blob(),
    );
  }

  async getBudgetStatus(team: string): Promise<BudgetStatus> {
    return this.request<BudgetStatus>(`${teamPath(team)}/budget-status`);
  }

  async listBudgets(team: string): Promise<Budget[]> {
    const body = await this.request<{ budgets: Budget[] }>(
      `/budgets/${encodeURIComponent(team)}`,
    );
    return body.budgets;
  }

  async setBudget(team: string, budget: SetBudget): Promise<Budget> {
    return this.request<Budget>(`/budgets/${encodeURIComponent(team)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ month: budget.month, amount: budget.amount }),
    });
  }

  private async request<T>(
    path: string,
    init?: RequestInit,
    read: (res: Response) => Promise<T> = res => res.json(),
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    const res = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return read(res);
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
