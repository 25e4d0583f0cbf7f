import {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mlpTeamOnboardPermission } from './permissions';

/** Who may do what: onboarding is platform-team's; a project belongs to its team's members. */
export class Access {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly userInfo: UserInfoService,
  ) {}

  async mayOnboard(credentials: BackstageCredentials): Promise<boolean> {
    const [decision] = await this.permissions.authorize(
      [{ permission: mlpTeamOnboardPermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  async assertMayOnboard(credentials: BackstageCredentials, actionId: string) {
    if (!(await this.mayOnboard(credentials))) {
      throw new NotAllowedError(
        `${actionId}: only platform keepers (permission mlp.team.onboard) may onboard teams; ask the platform team to run this template. Nothing was changed.`,
      );
    }
  }

  /** Members of the team, and platform keepers, may create things for a team. */
  async assertMayActForTeam(
    credentials: BackstageCredentials,
    team: string,
    actionId: string,
  ) {
    if (await this.mayOnboard(credentials)) return;
    const groupRef = `group:default/${team}`;
    if (
      credentials.principal &&
      (credentials.principal as { type?: string }).type === 'user'
    ) {
      const info = await this.userInfo.getUserInfo(credentials);
      if (info.ownershipEntityRefs.includes(groupRef)) return;
      throw new NotAllowedError(
        `${actionId}: ${info.userEntityRef} is not a member of ${groupRef}; only the team's members can create projects for it. Nothing was changed.`,
      );
    }
    throw new NotAllowedError(
      `${actionId}: only a signed-in member of ${groupRef} may do this`,
    );
  }
}
