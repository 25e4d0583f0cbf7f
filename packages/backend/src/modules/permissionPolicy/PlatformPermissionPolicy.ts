import type { BackstageUserInfo } from '@backstage/backend-plugin-api';
import { catalogEntityRefreshPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  templateParameterReadPermission,
  templateStepReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { coderWorkspaceUsePermission } from '@internal/plugin-coder-common';
import { costBudgetCheckPermission } from '@internal/plugin-cost-common';
import { gpuQuotaRequestCreatePermission } from '@internal/plugin-gpu-quota-common';
import { jobsSubmitPermission } from '@internal/plugin-jobs-common';
import { deploymentsCreatePermission } from '@internal/plugin-deployments-common';
import { idleActPermission } from '@internal/plugin-utilization-common';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/**
 * Self-service actions every signed-in user may take besides reading: running templates (the
 * platform's way to bootstrap a project) and asking the catalog to refresh an entity. The
 * permission objects come from the packages that define them, so a renamed permission cannot
 * silently fall out of this list.
 */
const SELF_SERVICE_PERMISSIONS = new Set(
  [
    taskCreatePermission,
    taskCancelPermission,
    actionExecutePermission,
    templateParameterReadPermission,
    templateStepReadPermission,
    catalogEntityRefreshPermission,
    // Asking for more GPUs; the GPU quota backend checks that the asker belongs to the team.
    gpuQuotaRequestCreatePermission,
    // Checking a job against the team's budget; the cost backend checks team membership.
    costBudgetCheckPermission,
    // One's own Coder workspaces; Coder itself decides with the user's own token.
    coderWorkspaceUsePermission,
    // Submitting and cancelling training jobs; the jobs backend checks team membership.
    jobsSubmitPermission,
    // Deploying one's team's models and rolling back; approving as the team's lead. The
    // deployments backend checks membership, the lead and that nobody approves their own deploy.
    deploymentsCreatePermission,
    idleActPermission,
  ].map(permission => permission.name),
);

export interface PlatformPermissionPolicyOptions {
  /** Group refs whose members may do everything, e.g. `group:default/platform-team`. */
  adminGroups: string[];
  /** Resolves a user's ownership refs (their own ref and their groups). */
  getUserInfo(user: PolicyQueryUser): Promise<BackstageUserInfo>;
}

/**
 * Platform keepers (members of an admin group) may administer; everyone else may read and use
 * self-service. Anything else is denied, so a new plugin's write permission is closed by default.
 */
export class PlatformPermissionPolicy implements PermissionPolicy {
  private readonly adminGroups: Set<string>;

  constructor(private readonly options: PlatformPermissionPolicyOptions) {
    this.adminGroups = new Set(options.adminGroups.map(r => r.toLowerCase()));
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    if (SELF_SERVICE_PERMISSIONS.has(permission.name)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const info = await this.options.getUserInfo(user);
    const isAdmin = info.ownershipEntityRefs.some(ref =>
      this.adminGroups.has(ref.toLowerCase()),
    );
    return { result: isAdmin ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
}
