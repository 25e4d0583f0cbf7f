import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  CreateQuotaRequest,
  GpuQuotaOverview,
  QuotaEvent,
  QuotaRequest,
  TeamGpuQuotaAnswer,
} from '@internal/plugin-gpu-quota-common';
import { BackendRequests } from '@internal/plugin-mlp-react';
import type {
  AuditFilter,
  GpuQuotaApi,
  GpuQuotaMe,
  QuotaRequestFilter,
} from './GpuQuotaApi';

const PLUGIN_ID = 'gpu-quota';

/** Talks to the gpu-quota backend through fetchApi, so every call carries the user's token. */
export class GpuQuotaClient implements GpuQuotaApi {
  private readonly backend: BackendRequests;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new BackendRequests(PLUGIN_ID, options);
  }

  async getOverview(): Promise<GpuQuotaOverview> {
    return this.backend.request<GpuQuotaOverview>('/teams');
  }

  async getTeamQuota(team: string): Promise<TeamGpuQuotaAnswer> {
    return this.backend.request<TeamGpuQuotaAnswer>(
      `/teams/${encodeURIComponent(team)}`,
    );
  }

  async getMe(): Promise<GpuQuotaMe> {
    return this.backend.request<GpuQuotaMe>('/me');
  }

  async listRequests(filter?: QuotaRequestFilter): Promise<QuotaRequest[]> {
    const query = toQuery({ team: filter?.team, status: filter?.status });
    const body = await this.backend.request<{ requests: QuotaRequest[] }>(
      `/requests${query}`,
    );
    return body.requests;
  }

  async createRequest(request: CreateQuotaRequest): Promise<QuotaRequest> {
    return this.backend.request<QuotaRequest>('/requests', postJson(request));
  }

  async approveRequest(id: string, comment?: string): Promise<QuotaRequest> {
    return this.decide(id, 'approve', comment);
  }

  async rejectRequest(id: string, comment: string): Promise<QuotaRequest> {
    return this.decide(id, 'reject', comment);
  }

  async cancelRequest(id: string, comment?: string): Promise<QuotaRequest> {
    return this.decide(id, 'cancel', comment);
  }

  async listAuditEvents(filter?: AuditFilter): Promise<QuotaEvent[]> {
    const query = toQuery({ ...filter, format: 'json' });
    const body = await this.backend.request<{ events: QuotaEvent[] }>(
      `/audit${query}`,
    );
    return body.events;
  }

  async exportAuditCsv(filter?: AuditFilter): Promise<Blob> {
    const query = toQuery({ ...filter, format: 'csv' });
    return this.backend.request<Blob>(`/audit${query}`, undefined, res =>
      res.blob(),
    );
  }

  private async decide(
    id: string,
    action: 'approve' | 'reject' | 'cancel',
    comment: string | undefined,
  ): Promise<QuotaRequest> {
    return this.backend.request<QuotaRequest>(
      `/requests/${encodeURIComponent(id)}/${action}`,
      postJson(comment === undefined ? {} : { comment }),
    );
  }
}

function postJson(body: unknown): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}

function toQuery(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      query.set(key, value);
    }
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}
