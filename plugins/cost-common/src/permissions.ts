import { createPermission } from '@backstage/plugin-permission-common';

/** Read GPU cost. Everyone signed in holds it; the backend limits them to their own teams. */
export const costReadPermission = createPermission({
  name: 'cost.read',
  attributes: { action: 'read' },
});

/** Read every team's cost: platform keepers (not a read action, so the policy keeps it to them). */
export const costReadAllPermission = createPermission({
  name: 'cost.read.all',
  attributes: {},
});

/** Set a team's monthly budget: platform keepers. */
export const costBudgetSetPermission = createPermission({
  name: 'cost.budget.set',
  attributes: { action: 'update' },
});

/**
 * Check a planned job against its team's budget and reserve its estimated cost. Self-service: the
 * backend checks that the caller belongs to the team (or is a service, e.g. the scaffolder).
 */
export const costBudgetCheckPermission = createPermission({
  name: 'cost.budget.check',
  attributes: { action: 'create' },
});

export const costPermissions = [
  costReadPermission,
  costReadAllPermission,
  costBudgetSetPermission,
  costBudgetCheckPermission,
];
