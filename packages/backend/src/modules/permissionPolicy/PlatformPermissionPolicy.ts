import type { BackstageUserInfo } from '@backstage/backend-plugin-api';
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
 * platform's way to bootstrap a project) and asking the catalog to refresh an entity.
 */
const SELF_SERVICE_PERMISSIONS = new Set([
  'scaffolder.task.create',
  'scaffolder.task.cancel',
  'scaffolder.action.execute',
  'scaffolder.template.parameter.read',
  'scaffolder.template.step.read',
  'catalog.entity.refresh',
  // Asking for more GPUs; the GPU quota backend checks that the asker belongs to the team.
  'gpu-quota.request.create',
  // Checking a job against the team's budget; the cost backend checks team membership.
  'cost.budget.check',
  // One's own Coder workspaces; Coder itself decides with the user's own token.
  'coder.workspace.use',
  // Submitting and cancelling training jobs; the jobs backend checks team membership.
  'jobs.submit',
]);

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
