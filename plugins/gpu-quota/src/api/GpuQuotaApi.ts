import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  CreateQuotaRequest,
  GpuQuotaMe,
  GpuQuotaOverview,
  QuotaEvent,
  QuotaRequest,
  QuotaRequestStatus,
  TeamGpuQuotaAnswer,
} from '@internal/plugin-gpu-quota-common';

export type { GpuQuotaMe };

export type QuotaRequestFilter = {
  team?: string;
  status?: QuotaRequestStatus;
};

export type AuditFilter = {
  team?: string;
  requestId?: string;
};

/** The GPU quota backend's REST API, as the frontend uses it. */
export interface GpuQuotaApi {
  getOverview(): Promise<GpuQuotaOverview>;
  getTeamQuota(team: string): Promise<TeamGpuQuotaAnswer>;
  getMe(): Promise<GpuQuotaMe>;
  /** Newest first. */
  listRequests(filter?: QuotaRequestFilter): Promise<QuotaRequest[]>;
  createRequest(request: CreateQuotaRequest): Promise<QuotaRequest>;
  approveRequest(id: string, comment?: string): Promise<QuotaRequest>;
  rejectRequest(id: string, comment: string): Promise<QuotaRequest>;
  cancelRequest(id: string, comment?: string): Promise<QuotaRequest>;
  listAuditEvents(filter?: AuditFilter): Promise<QuotaEvent[]>;
  /** The audit trail as a CSV file. */
  exportAuditCsv(filter?: AuditFilter): Promise<Blob>;
}

export const gpuQuotaApiRef = createApiRef<GpuQuotaApi>().with({
  id: 'plugin.gpu-quota.api',
  pluginId: 'gpu-quota',
});
