export { gpuQuotaApiRef } from './GpuQuotaApi';
export type {
  AuditFilter,
  GpuQuotaApi,
  GpuQuotaMe,
  QuotaRequestFilter,
} from './GpuQuotaApi';
export { GpuQuotaClient } from './GpuQuotaClient';
