import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type {
  BudgetCheckResult,
  BudgetStatus,
  Reservation,
} from '@internal/plugin-cost-common';
import type { CostBudgetService } from '@internal/plugin-cost-node';
import type { GpuResourceUsage } from '@internal/plugin-gpu-quota-common';
import type { GpuQuotaReader } from '@internal/plugin-gpu-quota-node';
import { refusalOf } from '@internal/plugin-mlp-node';
import { GpuMisfit, gpuMisfit } from './gpuFit';

/** What a caller wants to start: `gpus` GPUs of `resource` for `team`, for up to `hours`. */
export type GpuAllocation = {
  team: string;
  resource: string;
  gpus: number;
  hours: number;
  /** What the budget reservation is for, e.g. `training job bert-x2`. */
  reference?: string;
  /** GPUs each pod asks for, when the GPUs run as several pods (a deployment's replicas). */
  perPod?: number;
};

/** How a caller words a refusal: its field names and advice differ (a job, a workspace). */
export type MisfitWording = (
  misfit: GpuMisfit,
  allocation: GpuAllocation,
) => string;

/** The team's quota cannot hold the allocation; `misfit` has the figures. */
export class GpuMisfitError extends ConflictError {
  constructor(message: string, readonly misfit: GpuMisfit) {
    super(message);
  }
}

/** What was admitted: the quota figures it was checked against and the budget reserved. */
export type GpuAdmitted = {
  /** Undefined when no cluster is configured and the caller chose to go on without it. */
  quota?: GpuResourceUsage;
  reservation?: Reservation;
  budget?: BudgetStatus;
};

export type AdmissionOptions = {
  wording: MisfitWording;
  /**
   * No cluster is configured, so there is no quota to check: the error to refuse with, or
   * `'proceed'` to go on to the budget alone (and log it).
   */
  withoutCluster: 'proceed' | ((message: string) => Error);
};

/**
 * "May this team start these GPUs now?", answered in one place for every caller (training jobs,
 * Coder workspaces, the scaffolder): the per-job maximum and free GPUs of the team's quota (the
 * GPU quota plugin), then its budget (the cost plugin), which reserves the estimate so concurrent
 * requests cannot overspend. A caller that then fails to create what it was admitted for gives
 * the reservation back with `release`.
 */
export class GpuAdmission {
  constructor(
    private readonly options: {
      quota: GpuQuotaReader;
      budget: CostBudgetService;
      logger: LoggerService;
    },
  ) {}

  /**
   * The team's figures for the resource, checked against `gpus`; throws a GpuMisfitError worded
   * by the caller. Undefined when no cluster is configured and the caller proceeds without it.
   */
  async checkQuota(
    allocation: GpuAllocation,
    credentials: BackstageCredentials,
    options: AdmissionOptions,
  ): Promise<GpuResourceUsage | undefined> {
    const { team, resource, gpus } = allocation;
    const answer = await this.options.quota
      .team(team, { credentials })
      .catch(error => {
        throw refusalOf(error, "Reading the team's GPU quota");
      });
    if (answer.status === 'not-configured') {
      if (options.withoutCluster !== 'proceed') {
        throw options.withoutCluster(answer.message);
      }
      this.options.logger.warn(
        'no cluster configured: GPUs were admitted without a GPU quota check',
        { team },
      );
      return undefined;
    }
    if (answer.status === 'no-quota') {
      throw new ConflictError(`team: ${answer.message}`);
    }
    const figures = answer.quota.resources.find(r => r.resource === resource);
    const misfit = gpuMisfit(figures, gpus, allocation.perPod);
    if (misfit) {
      throw new GpuMisfitError(options.wording(misfit, allocation), misfit);
    }
    return figures;
  }

  /** Checks the quota, then reserves the estimate from the team's budget. Nothing for 0 GPUs. */
  async admit(
    allocation: GpuAllocation,
    credentials: BackstageCredentials,
    options: AdmissionOptions,
  ): Promise<GpuAdmitted> {
    if (allocation.gpus === 0) return {};
    const quota = await this.checkQuota(allocation, credentials, options);
    const checked = await this.reserve(allocation, credentials).catch(error => {
      throw refusalOf(error, "Checking the team's budget");
    });
    return { quota, reservation: checked.reservation, budget: checked.status };
  }

  /**
   * The budget part alone: reserves the estimate from the team's budget (the cost plugin's budget
   * check), for a caller that checked the quota in a step of its own (the scaffolder). Throws the
   * cost plugin's refusal as it came (a ResponseError), for the caller to word.
   */
  reserve(
    allocation: GpuAllocation,
    credentials: BackstageCredentials,
  ): Promise<BudgetCheckResult> {
    const { team, resource, gpus, hours, reference } = allocation;
    return this.options.budget.check(
      { team, resource, gpus, hours, reference },
      { credentials },
    );
  }

  /** Gives a reservation back whose allocation did not come to be; logs when that fails. */
  async release(
    reservationId: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (!reservationId) return;
    try {
      await this.options.budget.release(reservationId, { credentials });
    } catch (error) {
      this.options.logger.warn('could not release a budget reservation', {
        reservation: reservationId,
        error: String(error),
      });
    }
  }
}
