import { createPermission } from '@backstage/plugin-permission-common';

/** See a model's deployments, endpoints, lineage and audit trail. */
export const deploymentsReadPermission = createPermission({
  name: 'deployments.read',
  attributes: { action: 'read' },
});

/**
 * Deploy a model version of one's own team, roll back, and approve a production deploy as the
 * team's lead (the backend checks membership and the lead).
 */
export const deploymentsCreatePermission = createPermission({
  name: 'deployments.create',
  attributes: { action: 'create' },
});

/** Approve or reject any team's production deploys: platform keepers. */
export const deploymentsApprovePermission = createPermission({
  name: 'deployments.approve',
  attributes: { action: 'update' },
});

export const deploymentsPermissions = [
  deploymentsReadPermission,
  deploymentsCreatePermission,
  deploymentsApprovePermission,
];
