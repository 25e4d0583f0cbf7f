import { createApiRef } from '@backstage/frontend-plugin-api';
import type { PlatformMetrics } from '@internal/plugin-platform-metrics-common';

/** The platform's adoption figures (platform keepers). */
export interface PlatformMetricsApi {
  summary(days: number): Promise<PlatformMetrics>;
  /** The same figures as a CSV file. */
  csv(days: number): Promise<Blob>;
}

export const platformMetricsApiRef = createApiRef<PlatformMetricsApi>({
  id: 'plugin.platform-metrics.api',
});
