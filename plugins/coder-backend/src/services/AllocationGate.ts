import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { CostBudgetService } from '@internal/plugin-cost-node';
import type { GpuQuotaReader } from '@internal/plugin-gpu-quota-node';
import type { CreatedWorkspace } from '@internal/plugin-coder-common';
import { refusalOf } from '@internal/plugin-mlp-node';

export type Allocation = {
  team: string;
  gpus: number;
  hours: number;
  /** What the budget reservation is for, e.g. `coder workspace bert-gpu`. */
  reference: string;
};

export type Admitted = {
  quota?: CreatedWorkspace['quota'];
  reservation?: CreatedWorkspace['reservation'];
};

/**
 * Decides whether GPUs may be allocated *before* anything is asked of Coder: the team's free GPUs
 * and per-job maximum (GPU quota plugin), then its budget (cost plugin), which reserves the
 * estimate so concurrent requests cannot overspend. Refusals are 409s with the figures.
 */
export class AllocationGate {
  constructor(
    private readonly options: {
      quota: GpuQuotaReader;
      budget: CostBudgetService;
      gpuResource: string;
      logger: LoggerService;
    },
  ) {}

  async admit(
    allocation: Allocation,
    credentials: BackstageCredentials,
  ): Promise<Admitted> {
    if (allocation.gpus === 0) return {};
    const quota = await this.checkQuota(allocation, credentials);
    const reservation = await this.reserve(allocation, credentials);
    return { quota, reservation };
  }

  /** Gives back a reservation whose workspace did not come to be; logs if that fails. */
  async undo(admitted: Admitted, credentials: BackstageCredentials) {
    if (!admitted.reservation) return;
    try {
      await this.options.budget.release(admitted.reservation.id, {
        credentials,
      });
    } catch (error) {
      this.options.logger.warn('could not release a budget reservation', {
        reservation: admitted.reservation.id,
        error: String(error),
      });
    }
  }

  private async checkQuota(
    { team, gpus }: Allocation,
    credentials: BackstageCredentials,
  ): Promise<Admitted['quota']> {
    const answer = await this.options.quota
      .team(team, { credentials })
      .catch(error => {
        throw refusalOf(error, "Reading the team's GPU quota");
      });
    if (answer.status === 'not-configured') {
      this.options.logger.warn(
        'no cluster configured: a workspace was created without a GPU quota check',
        { team },
      );
      return undefined;
    }
    if (answer.status === 'no-quota') {
      throw new ConflictError(`team: ${answer.message}`);
    }
    const resource = this.options.gpuResource;
    const row = answer.quota.resources.find(r => r.resource === resource);
    if (!row || row.hard === 0) {
      throw new ConflictError(
        `gpus: ${team} has no ${resource} in its GPU quota, so a workspace with ${gpus} GPU(s) cannot start; choose 0 GPUs or request a quota increase`,
      );
    }
    if (row.maxPerJob !== undefined && gpus > row.maxPerJob) {
      throw new ConflictError(
        `gpus: ${gpus} GPUs is more than ${team}'s per-workspace maximum of ${row.maxPerJob}; choose at most ${row.maxPerJob}`,
      );
    }
    if (gpus > row.available) {
      throw new ConflictError(
        `gpus: ${gpus} GPUs do not fit in ${team}'s GPU quota: ${row.used} of ${row.hard} are in use, ${row.available} free. Choose at most ${row.available}, stop another workspace or job, or request a quota increase`,
      );
    }
    return {
      resource,
      hard: row.hard,
      used: row.used,
      available: row.available,
    };
  }

  private async reserve(
    { team, gpus, hours, reference }: Allocation,
    credentials: BackstageCredentials,
  ): Promise<Admitted['reservation']> {
    try {
      const { reservation } = await this.options.budget.check(
        { team, gpus, hours, reference },
        { credentials },
      );
      return {
        id: reservation.id,
        estimate: reservation.estimate,
        currency: reservation.currency,
      };
    } catch (error) {
      throw refusalOf(error, "Checking the team's budget");
    }
  }
}
