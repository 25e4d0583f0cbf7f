import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read the platform's adoption metrics (every team's jobs, users and GPU-hours). Not a plain
 * read: the platform's policy gives it to platform keepers only.
 */
export const platformMetricsReadPermission = createPermission({
  name: 'platform-metrics.read',
  attributes: {},
});

export const platformMetricsPermissions = [platformMetricsReadPermission];
