import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Onboarding a team: creating its namespace, quota, limits, network policy, queue and ArgoCD
 * project. The platform's policy grants it to platform-team only.
 */
export const mlpTeamOnboardPermission = createPermission({
  name: 'mlp.team.onboard',
  attributes: { action: 'create' },
});
