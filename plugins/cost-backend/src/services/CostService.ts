import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  Budget,
  BudgetCheck,
  BudgetCheckResult,
  budgetCheckSchema,
  BudgetStatus,
  costBudgetCheckPermission,
  costBudgetSetPermission,
  costReadAllPermission,
  costReadPermission,
  CostSummary,
  RangeQuery,
  Reservation,
  SetBudget,
} from '@internal/plugin-cost-common';
import { isUserCredentials, TeamAccess } from '@internal/plugin-mlp-node';
import { randomUUID } from 'node:crypto';
import { BudgetState, CostStore } from '../store/CostStore';
import { cents, monthOf, summariseSlices } from './costMath';
import { RateCard } from './RateCard';

const HOUR_MS = 3_600_000;
const ALERT_THRESHOLDS = [50, 80, 100];

/** The budget would be exceeded: refused with the figures (409). */
export class BudgetExceededError extends ConflictError {}

/**
 * GPU cost per team from the ledger, monthly budgets, and the budget check that reserves a job's
 * estimated cost before it is allowed to start.
 */
export class CostService {
  constructor(
    private readonly options: {
      store: CostStore;
      rates: RateCard;
      permissions: PermissionsService;
      userInfo: UserInfoService;
      logger: LoggerService;
      /** A reservation lasts the job's hours plus this grace before it expires on its own. */
      reservationGraceHours: number;
      now?: () => Date;
    },
  ) {
    this.access = new TeamAccess(options.permissions, options.userInfo);
  }

  private readonly access: TeamAccess;

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async summary(
    credentials: BackstageCredentials,
    team: string,
    range: RangeQuery,
  ): Promise<CostSummary> {
    await this.assertMayRead(credentials, team);
    const slices = await this.options.store.slices(
      team,
      range.from,
      range.to,
      this.now(),
    );
    return {
      team,
      from: range.from,
      to: range.to,
      currency: this.options.rates.currency,
      ...summariseSlices(slices),
    };
  }

  async budgetStatus(
    credentials: BackstageCredentials,
    team: string,
  ): Promise<BudgetStatus> {
    await this.assertMayRead(credentials, team);
    const now = this.now();
    const month = monthOf(now);
    return this.status(
      team,
      month,
      await this.options.store.budgetState(team, month, now),
    );
  }

  async budgets(
    credentials: BackstageCredentials,
    team: string,
  ): Promise<Budget[]> {
    await this.assertMayRead(credentials, team);
    return this.options.store.budgets(team);
  }

  async setBudget(
    credentials: BackstageCredentials,
    team: string,
    input: SetBudget,
  ): Promise<Budget> {
    await this.assert(
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

  /**
   * Estimates a job (GPUs × hours × rate) and reserves the estimate against this month's budget,
   * atomically: of many concurrent checks, only as many are accepted as the budget holds.
   */
  async check(
    credentials: BackstageCredentials,
    input: BudgetCheck,
  ): Promise<BudgetCheckResult> {
    const request = budgetCheckSchema.parse(input);
    await this.assert(
      credentials,
      costBudgetCheckPermission,
      'You may not check jobs against budgets',
    );
    if (isUserCredentials(credentials))
      await this.assertMember(credentials, request.team);
    const rate = this.options.rates.hourlyRate(request.resource);
    const estimate = cents(request.gpus * request.hours * rate);
    const now = this.now();
    const month = monthOf(now);
    const reservation: Reservation = {
      id: randomUUID(),
      team: request.team,
      resource: request.resource,
      gpus: request.gpus,
      hours: request.hours,
      estimate,
      currency: this.options.rates.currency,
      reference: request.reference,
      requestedBy: userRef(credentials),
      createdAt: now.toISOString(),
      expiresAt: new Date(
        now.getTime() +
          (request.hours + this.options.reservationGraceHours) * HOUR_MS,
      ).toISOString(),
    };
    const currency = this.options.rates.currency;
    const state = await this.options.store.reserve(
      { ...reservation, month },
      before => {
        if (!before.budget) return;
        const remaining = cents(
          before.budget.amount - before.spent - before.reserved,
        );
        if (estimate > remaining) {
          throw new BudgetExceededError(
            `Over budget: ${request.gpus} × ${request.resource} for ${request.hours} h at ${rate} ${currency}/GPU-hour costs about ${estimate} ${currency}, but ${request.team} has ${remaining} ${currency} left of its ${before.budget.amount} ${currency} budget for ${month} (spent ${before.spent}, reserved by running jobs ${before.reserved}). Use fewer GPUs or hours, or ask the platform team to raise the budget.`,
          );
        }
      },
      now,
    );
    this.options.logger.info('budget check accepted', {
      team: request.team,
      estimate,
      reservation: reservation.id,
    });
    return { reservation, status: this.status(request.team, month, state) };
  }

  async release(
    credentials: BackstageCredentials,
    id: string,
  ): Promise<Reservation> {
    const reservation = await this.options.store.reservation(id);
    if (!reservation) throw new NotFoundError(`No reservation has id ${id}`);
    if (
      isUserCredentials(credentials) &&
      reservation.requestedBy !== userRef(credentials)
    ) {
      await this.assert(
        credentials,
        costBudgetSetPermission,
        `Only ${reservation.requestedBy}, who made reservation ${id}, or a platform keeper may release it`,
      );
    }
    await this.options.store.release([id], this.now().toISOString());
    return (await this.options.store.reservation(id))!;
  }

  rates() {
    return {
      currency: this.options.rates.currency,
      gpuHourlyRates: this.options.rates.entries(),
      cpuCoreHourlyRate: this.options.rates.compute.cpu,
      memoryGiBHourlyRate: this.options.rates.compute.memory,
    };
  }

  private status(
    team: string,
    month: string,
    state: BudgetState,
  ): BudgetStatus {
    const used = state.spent + state.reserved;
    const budget = state.budget?.amount;
    return {
      team,
      month,
      currency: this.options.rates.currency,
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

  private async assertMayRead(credentials: BackstageCredentials, team: string) {
    await this.assert(
      credentials,
      costReadPermission,
      'You may not read GPU cost',
    );
    if (isUserCredentials(credentials))
      await this.assertMember(credentials, team);
  }

  /** Members read and check their own team; holders of cost.read.all (keepers) any team. */
  private async assertMember(credentials: BackstageCredentials, team: string) {
    if (await this.access.allowed(credentials, costReadAllPermission)) return;
    const { userEntityRef, teams } = await this.access.member(credentials);
    if (!teams.includes(team)) {
      throw new NotAllowedError(
        `${userEntityRef} is not a member of team ${team}: only its members and platform keepers see or spend its GPU budget`,
      );
    }
  }

  private assert(
    credentials: BackstageCredentials,
    permission: BasicPermission,
    refusal: string,
  ) {
    return this.access.assert(credentials, permission, refusal);
  }
}

function userRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? 'unknown';
}
