/**
 * The Idle GPUs page: the `utilization` frontend plugin (default export, found by the app's
 * `app.packages: all`), its API client and its extensions.
 *
 * @packageDocumentation
 */
export { utilizationPlugin as default } from './plugin';
export { utilizationPlugin } from './plugin';
export { idleGpusPage, utilizationApi } from './extensions';
export { UtilizationClient, utilizationApiRef } from './api';
export type { UtilizationApi } from './api';
