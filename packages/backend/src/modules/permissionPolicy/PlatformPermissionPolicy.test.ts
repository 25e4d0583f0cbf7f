import { coderWorkspaceUsePermission } from '@internal/plugin-coder-common';
import { cliAccessManagePermission } from '@internal/plugin-cli-access-common';
import { platformMetricsReadPermission } from '@internal/plugin-platform-metrics-common';
import { jobsSubmitPermission } from '@internal/plugin-jobs-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { taskCreatePermission } from '@backstage/plugin-scaffolder-common/alpha';
import { mlpTeamOnboardPermission } from '@internal/plugin-mlp-common';
import {
  gpuQuotaAuditReadPermission,
  gpuQuotaReadPermission,
  gpuQuotaRequestCreatePermission,
  gpuQuotaRequestDecidePermission,
} from '@internal/plugin-gpu-quota-common';
import {
  costBudgetCheckPermission,
  costBudgetSetPermission,
  costReadAllPermission,
  costReadPermission,
} from '@internal/plugin-cost-common';
import { PlatformPermissionPolicy } from './PlatformPermissionPolicy';
import { KEEPER, SCIENTIST, testUserInfo } from './testUsers';

const policy = new PlatformPermissionPolicy({
  adminGroups: ['group:default/platform-team'],
  getUserInfo: user => testUserInfo(user.credentials),
});

function as(userEntityRef: string) {
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs: [] },
  };
}

const keeper = as(KEEPER);
const scientist = as(SCIENTIST);
const someNewWrite = createPermission({
  name: 'gpu-quota.request.approve',
  attributes: { action: 'update' },
});

describe('PlatformPermissionPolicy', () => {
  it.each([
    ['reads the catalog', catalogEntityReadPermission],
    ['runs a template', taskCreatePermission],
    ['reads GPU quotas (gpu-quota.read)', gpuQuotaReadPermission],
    [
      'asks for more GPUs (gpu-quota.request.create)',
      gpuQuotaRequestCreatePermission,
    ],
    ['reads the GPU quota audit trail', gpuQuotaAuditReadPermission],
    [
      "reads GPU cost (cost.read; the backend limits it to the user's teams)",
      costReadPermission,
    ],
    [
      'checks a job against the budget (cost.budget.check)',
      costBudgetCheckPermission,
    ],
    [
      'uses their own Coder workspaces (coder.workspace.use)',
      coderWorkspaceUsePermission,
    ],
    [
      'submits training jobs (jobs.submit; the backend checks the team)',
      jobsSubmitPermission,
    ],
  ])(
    'lets a data scientist do what everyone may: %s',
    async (_, permission) => {
      const decision = await policy.handle({ permission }, scientist);
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    },
  );

  it.each([
    ['register a location', catalogLocationCreatePermission],
    ['delete an entity', catalogEntityDeletePermission],
    ['use a write permission the policy has never heard of', someNewWrite],
    ['onboard a team (mlp.team.onboard)', mlpTeamOnboardPermission],
    ['approve or reject GPU quota requests', gpuQuotaRequestDecidePermission],
    ["read every team's cost (cost.read.all)", costReadAllPermission],
    ['set budgets (cost.budget.set)', costBudgetSetPermission],
    [
      "see and revoke everyone's command-line logins (cli-access.manage)",
      cliAccessManagePermission,
    ],
    [
      'read the platform metrics (platform-metrics.read)',
      platformMetricsReadPermission,
    ],
  ])('refuses a data scientist to %s', async (_, permission) => {
    const decision = await policy.handle({ permission }, scientist);
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it.each([
    ['register a location', catalogLocationCreatePermission],
    ['delete an entity', catalogEntityDeletePermission],
    ['use any other write permission', someNewWrite],
    ['onboard a team (mlp.team.onboard)', mlpTeamOnboardPermission],
    ['approve or reject GPU quota requests', gpuQuotaRequestDecidePermission],
    ["read every team's cost (cost.read.all)", costReadAllPermission],
    ['set budgets (cost.budget.set)', costBudgetSetPermission],
    [
      "see and revoke everyone's command-line logins (cli-access.manage)",
      cliAccessManagePermission,
    ],
    [
      'read the platform metrics (platform-metrics.read)',
      platformMetricsReadPermission,
    ],
  ])('lets a platform-team member %s', async (_, permission) => {
    const decision = await policy.handle({ permission }, keeper);
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('matches admin groups case-insensitively', async () => {
    const mixedCase = new PlatformPermissionPolicy({
      adminGroups: ['Group:default/Platform-Team'],
      getUserInfo: async () => ({
        userEntityRef: 'user:default/morgan.lee',
        ownershipEntityRefs: ['group:default/platform-team'],
      }),
    });
    const decision = await mixedCase.handle(
      { permission: catalogEntityDeletePermission },
      keeper,
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('refuses writes without a user', async () => {
    const decision = await policy.handle({
      permission: catalogEntityDeletePermission,
    });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });
});
