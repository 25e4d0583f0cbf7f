/**
 * GPU quotas in the portal: the `gpu-quota` frontend plugin (default export, found by the app's
 * `app.packages: all`), its API client and its components.
 *
 * @packageDocumentation
 */
export { gpuQuotaPlugin as default } from './plugin';
export { gpuQuotaPlugin } from './plugin';
export {
  gpuQuotaApi,
  gpuQuotaEntityCard,
  gpuQuotaEntityFilter,
  gpuQuotaPage,
} from './extensions';
export { GpuQuotaClient, gpuQuotaApiRef } from './api';
export type {
  AuditFilter,
  GpuQuotaApi,
  GpuQuotaMe,
  QuotaRequestFilter,
} from './api';
export {
  MyTeamGpusCard,
  PendingApprovalsCard,
  TeamsNearQuotaCard,
} from './components/HomeCards';
