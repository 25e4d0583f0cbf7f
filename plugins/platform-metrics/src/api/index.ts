export { platformMetricsApiRef } from './PlatformMetricsApi';
export type { PlatformMetricsApi } from './PlatformMetricsApi';
export { PlatformMetricsClient } from './PlatformMetricsClient';
