import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  BudgetCheck,
  BudgetCheckResult,
  budgetCheckSchema,
  costBudgetCheckPermission,
  costBudgetSetPermission,
  Reservation,
} from '@internal/plugin-cost-common';
import { isUserCredentials } from '@internal/plugin-mlp-node';
import { randomUUID } from 'node:crypto';
import type { ReservationStore } from '../store/CostStore';
import { budgetStatus } from './budgetStatus';
import { CostAccess, userRef } from './costAccess';
import { cents, monthOf } from './costMath';
import { RateCard } from './RateCard';

const HOUR_MS = 3_600_000;

/** The budget would be exceeded: refused with the figures (409). */
export class BudgetExceededError extends ConflictError {}

/**
 * The budget check: a job's (or workspace's) estimated cost reserved against its team's budget
 * before it may start, and released when it does not come to be. Other backends call it through
 * `@internal/plugin-cost-node` (the admission path, the scaffolder).
 */
export class BudgetChecks {
  constructor(
    private readonly options: {
      store: ReservationStore;
      rates: RateCard;
      access: CostAccess;
      logger: LoggerService;
      /** A reservation lasts the job's hours plus this grace before it expires on its own. */
      reservationGraceHours: number;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
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
    await this.options.access.assert(
      credentials,
      costBudgetCheckPermission,
      'You may not check jobs against budgets',
    );
    if (isUserCredentials(credentials))
      await this.options.access.assertMember(credentials, request.team);
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
    return {
      reservation,
      status: budgetStatus(request.team, month, state, currency),
    };
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
      await this.options.access.assert(
        credentials,
        costBudgetSetPermission,
        `Only ${reservation.requestedBy}, who made reservation ${id}, or a platform keeper may release it`,
      );
    }
    await this.options.store.release([id], this.now().toISOString());
    return (await this.options.store.reservation(id))!;
  }
}
