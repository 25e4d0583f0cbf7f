import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  costReadAllPermission,
  costReadPermission,
} from '@internal/plugin-cost-common';
import { isUserCredentials, TeamAccess } from '@internal/plugin-mlp-node';

/** Who may see and spend a team's GPU budget: the shared team-access check, in cost's words. */
export class CostAccess extends TeamAccess {
  /** Members read and check their own team; holders of cost.read.all (keepers) any team. */
  async assertMember(credentials: BackstageCredentials, team: string) {
    if (await this.allowed(credentials, costReadAllPermission)) return;
    const { userEntityRef, teams } = await this.member(credentials);
    if (!teams.includes(team)) {
      throw new NotAllowedError(
        `${userEntityRef} is not a member of team ${team}: only its members and platform keepers see or spend its GPU budget`,
      );
    }
  }

  async assertMayRead(credentials: BackstageCredentials, team: string) {
    await this.assert(
      credentials,
      costReadPermission,
      'You may not read GPU cost',
    );
    if (isUserCredentials(credentials))
      await this.assertMember(credentials, team);
  }
}

/** Who made a request: a user's entity ref, or a service's subject. */
export function userRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? 'unknown';
}
