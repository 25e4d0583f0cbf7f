import type {
  AuditAction,
  Environment,
} from '@internal/plugin-deployments-common';

export const environmentTitle = (environment: Environment) =>
  environment === 'production' ? 'Production' : 'Staging';

/** An audit action in words, for the history tables. */
export const actionLabel: Record<AuditAction, string> = {
  requested: 'Requested',
  approved: 'Approved and deployed',
  rejected: 'Rejected',
  deployed: 'Deployed',
  'rolled-back': 'Rolled back',
  superseded: 'Replaced',
  failed: 'Failed',
};
