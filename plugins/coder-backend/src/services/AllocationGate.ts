import { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CreatedWorkspace } from '@internal/plugin-coder-common';
import type {
  GpuAdmission,
  MisfitWording,
} from '@internal/plugin-mlp-admission-node';

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

/** A workspace's refusals, in the card's words (its field is `gpus`). */
const workspaceWording: MisfitWording = (misfit, { team, gpus, resource }) => {
  switch (misfit.reason) {
    case 'not-in-quota':
      return `gpus: ${team} has no ${resource} in its GPU quota, so a workspace with ${gpus} GPU(s) cannot start; choose 0 GPUs or request a quota increase`;
    case 'per-job-maximum':
      return `gpus: ${gpus} GPUs is more than ${team}'s per-workspace maximum of ${misfit.max}; choose at most ${misfit.max}`;
    default: {
      const { used, hard, available } = misfit.figures;
      return `gpus: ${gpus} GPUs do not fit in ${team}'s GPU quota: ${used} of ${hard} are in use, ${available} free. Choose at most ${available}, stop another workspace or job, or request a quota increase`;
    }
  }
};

/**
 * A workspace's GPUs through the one admission path *before* anything is asked of Coder: the
 * team's free GPUs and per-job maximum, then its budget, which reserves the estimate. Without a
 * cluster there is no quota to check, and the workspace goes on to the budget alone.
 */
export class AllocationGate {
  constructor(
    private readonly options: { admission: GpuAdmission; gpuResource: string },
  ) {}

  async admit(
    allocation: Allocation,
    credentials: BackstageCredentials,
  ): Promise<Admitted> {
    const { quota, reservation } = await this.options.admission.admit(
      { ...allocation, resource: this.options.gpuResource },
      credentials,
      { wording: workspaceWording, withoutCluster: 'proceed' },
    );
    return {
      ...(quota && {
        quota: {
          resource: quota.resource,
          hard: quota.hard,
          used: quota.used,
          available: quota.available,
        },
      }),
      ...(reservation && {
        reservation: {
          id: reservation.id,
          estimate: reservation.estimate,
          currency: reservation.currency,
        },
      }),
    };
  }

  /** Gives back a reservation whose workspace did not come to be; logs if that fails. */
  async undo(admitted: Admitted, credentials: BackstageCredentials) {
    await this.options.admission.release(admitted.reservation?.id, credentials);
  }
}
