import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  Budget,
  BudgetStatus,
  costBudgetSetPermission,
  CostLine,
  CostSummary,
  RangeQuery,
  SetBudget,
} from '@internal/plugin-cost-common';
import type { GpuUtilization } from '@internal/plugin-utilization-common';
import type { BudgetStore, LedgerStore } from '../store/CostStore';
import { budgetStatus } from './budgetStatus';
import { CostAccess, userRef } from './costAccess';
import { cents, monthOf, summariseSlices } from './costMath';
import type { CostUtilization } from './CostUtilization';
import { RateCard } from './RateCard';

/** GPU cost per team from the ledger, and the teams' monthly budgets (the check is BudgetChecks'). */
export class CostService {
  constructor(
    private readonly options: {
      store: Pick<LedgerStore, 'slices'> & BudgetStore;
      rates: RateCard;
      access: CostAccess;
      utilization: CostUtilization;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  private get access(): CostAccess {
    return this.options.access;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async summary(
    credentials: BackstageCredentials,
    team: string,
    range: RangeQuery,
  ): Promise<CostSummary> {
    await this.access.assertMayRead(credentials, team);
    const now = this.now();
    const [slices, utilization] = await Promise.all([
      this.options.store.slices(team, range.from, range.to, now),
      this.options.utilization.ofTeam(team, {
        from: Date.parse(`${range.from}T00:00:00Z`),
        to: Date.parse(`${range.to}T00:00:00Z`),
        now: now.getTime(),
      }),
    ]);
    const figures = summariseSlices(slices);
    const withUtilization = (
      lines: CostLine[],
      measured: Map<string, GpuUtilization>,
    ) =>
      lines.map(l =>
        measured.has(l.key) ? { ...l, utilization: measured.get(l.key) } : l,
      );
    return {
      team,
      from: range.from,
      to: range.to,
      currency: this.options.rates.currency,
      ...figures,
      byProject: withUtilization(figures.byProject, utilization.byProject),
      byModel: withUtilization(figures.byModel, utilization.byModel),
      byUser: withUtilization(figures.byUser, utilization.byUser),
      byGpuType: withUtilization(figures.byGpuType, utilization.byGpuType),
      ...(utilization.total ? { utilization: utilization.total } : {}),
      utilizationSource: utilization.source,
    };
  }

  async budgetStatus(
    credentials: BackstageCredentials,
    team: string,
  ): Promise<BudgetStatus> {
    await this.access.assertMayRead(credentials, team);
    const now = this.now();
    const month = monthOf(now);
    return budgetStatus(
      team,
      month,
      await this.options.store.budgetState(team, month, now),
      this.options.rates.currency,
    );
  }

  async budgets(
    credentials: BackstageCredentials,
    team: string,
  ): Promise<Budget[]> {
    await this.access.assertMayRead(credentials, team);
    return this.options.store.budgets(team);
  }

  async setBudget(
    credentials: BackstageCredentials,
    team: string,
    input: SetBudget,
  ): Promise<Budget> {
    await this.access.assert(
      credentials,
      costBudgetSetPermission,
      'Only platform keepers may set budgets',
    );
    if (input.month < monthOf(this.now())) {
      throw new InputError(
        `month: ${input.month} is in the past; budgets are set for this month or later`,
      );
    }
    const budget = await this.options.store.setBudget({
      team,
      month: input.month,
      amount: cents(input.amount),
      currency: this.options.rates.currency,
      updatedBy: userRef(credentials),
      updatedAt: this.now().toISOString(),
    });
    this.options.logger.info('budget set', {
      team,
      month: input.month,
      amount: budget.amount,
    });
    return budget;
  }

  rates() {
    return {
      currency: this.options.rates.currency,
      gpuHourlyRates: this.options.rates.entries(),
      cpuCoreHourlyRate: this.options.rates.compute.cpu,
      memoryGiBHourlyRate: this.options.rates.compute.memory,
    };
  }
}
