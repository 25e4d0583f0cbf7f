import { ResponseError } from '@backstage/errors';
import type {
  Budget,
  BudgetStatus,
  CostSummary,
  SetBudget,
} from '@internal/plugin-cost-common';
import type { CostApi, CostRange } from '../api';

export function budgetStatus(
  overrides: Partial<BudgetStatus> = {},
): BudgetStatus {
  return {
    team: 'nlp-team',
    month: '2026-11',
    currency: 'EUR',
    budget: 1000,
    spent: 612.5,
    reserved: 250,
    remaining: 137.5,
    alerts: [50, 80],
    ...overrides,
  };
}

/** No budget set: nothing enforced, no remaining, no alerts. */
export function unbudgetedStatus(
  overrides: Partial<BudgetStatus> = {},
): BudgetStatus {
  return budgetStatus({
    budget: undefined,
    remaining: undefined,
    alerts: [],
    ...overrides,
  });
}

export function costSummary(overrides: Partial<CostSummary> = {}): CostSummary {
  return {
    team: 'nlp-team',
    from: '2026-11-01',
    to: '2026-12-01',
    currency: 'EUR',
    gpuHours: 245,
    cost: 612.5,
    daily: [
      { day: '2026-11-02', gpuHours: 100, cost: 250 },
      { day: '2026-11-03', gpuHours: 145, cost: 362.5 },
    ],
    byProject: [
      { key: 'support-bot', gpuHours: 200, cost: 500 },
      { key: 'search', gpuHours: 45, cost: 112.5 },
    ],
    byModel: [
      { key: 'support-summariser', gpuHours: 160, cost: 400 },
      { key: 'query-rewriter', gpuHours: 85, cost: 212.5 },
    ],
    byUser: [{ key: 'user:default/alex.kim', gpuHours: 245, cost: 612.5 }],
    byGpuType: [
      { key: 'nvidia.com/gpu', gpuHours: 240, cost: 600 },
      { key: 'nvidia.com/mig-1g.10gb', gpuHours: 5, cost: 12.5 },
    ],
    byComputeResource: [],
    utilizationSource: { state: 'not-configured' },
    ...overrides,
  };
}

export function budget(overrides: Partial<Budget> = {}): Budget {
  return {
    team: 'nlp-team',
    month: '2026-11',
    amount: 1000,
    currency: 'EUR',
    updatedBy: 'user:default/morgan.lee',
    updatedAt: '2026-11-01T08:00:00.000Z',
    ...overrides,
  };
}

/** Every method a jest mock; tests replace the answers they need. */
export function mockCostApi(
  overrides: Partial<Record<keyof CostApi, jest.Mock>> = {},
): jest.Mocked<CostApi> {
  const defaults: jest.Mocked<CostApi> = {
    getRates: jest.fn(async () => ({
      currency: 'EUR',
      gpuHourlyRates: { 'nvidia.com/gpu': 2.5 },
    })),
    getSummary: jest.fn(async (_team: string, range: CostRange) =>
      costSummary(range),
    ),
    exportSummaryCsv: jest.fn(
      async (_team: string, _range: CostRange) =>
        new Blob(['section,key,gpu_hours,cost_EUR\r\n']),
    ),
    getBudgetStatus: jest.fn(async (_team: string) => budgetStatus()),
    listBudgets: jest.fn(async (_team: string) => [budget()]),
    setBudget: jest.fn(async (team: string, body: SetBudget) =>
      budget({ team, ...body }),
    ),
  };
  return { ...defaults, ...overrides } as jest.Mocked<CostApi>;
}

/** A ResponseError as CostClient throws it for a backend error answer. */
export async function responseError(
  statusCode: number,
  name: string,
  message: string,
) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({ error: { name, message }, response: { statusCode } }),
      { status: statusCode, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
