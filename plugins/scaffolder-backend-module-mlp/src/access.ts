import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { isUserCredentials, TeamAccess } from '@internal/plugin-mlp-node';
import { mlpTeamOnboardPermission } from '@internal/plugin-mlp-common';

/** Who may do what: onboarding is platform-team's; a project belongs to its team's members. */
export class Access extends TeamAccess {
  mayOnboard(credentials: BackstageCredentials): Promise<boolean> {
    return this.allowed(credentials, mlpTeamOnboardPermission);
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
    if (credentials.principal && isUserCredentials(credentials)) {
      const { userEntityRef, teams } = await this.member(credentials);
      if (teams.includes(team)) return;
      throw new NotAllowedError(
        `${actionId}: ${userEntityRef} is not a member of ${groupRef}; only the team's members can create projects for it. Nothing was changed.`,
      );
    }
    throw new NotAllowedError(
      `${actionId}: only a signed-in member of ${groupRef} may do this`,
    );
  }
}
