/**
 * The Platform metrics page for platform keepers: the `platform-metrics` frontend plugin
 * (default export, found by the app's `app.packages: all`), its API client and its extensions.
 *
 * @packageDocumentation
 */
export { platformMetricsPlugin as default } from './plugin';
export { platformMetricsPlugin } from './plugin';
export { platformMetricsApi, platformMetricsPage } from './extensions';
export { PlatformMetricsClient, platformMetricsApiRef } from './api';
export type { PlatformMetricsApi } from './api';
