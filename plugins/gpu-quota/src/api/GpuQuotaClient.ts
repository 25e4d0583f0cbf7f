import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  CreateQuotaRequest,
  GpuQuotaOverview,
  QuotaEvent,
  QuotaRequest,
  TeamGpuQuotaAnswer,
} from '@internal/plugin-gpu-quota-common';
import type {
  AuditFilter,
  GpuQuotaApi,
  GpuQuotaMe,
  QuotaRequestFilter,
} from './GpuQuotaApi';

const PLUGIN_ID = 'gpu-quota';

/** Talks to the gpu-quota backend through fetchApi, so every call carries the user's token. */
export class GpuQuotaClient implements GpuQuotaApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getOverview(): Promise<GpuQuotaOverview> {
    return this.request<GpuQuotaOverview>('/teams');
  }

  async getTeamQuota(team: string): Promise<TeamGpuQuotaAnswer> {
    return this.request<TeamGpuQuotaAnswer>(
      `/teams/${encodeURIComponent(team)}`,
    );
  }

  async getMe(): Promise<GpuQuotaMe> {
    return this.request<GpuQuotaMe>('/me');
  }

  async listRequests(filter?: QuotaRequestFilter): Promise<QuotaRequest[]> {
    const query = toQuery({ team: filter?.team, status: filter?.status });
    const body = await this.request<{ requests: QuotaRequest[] }>(
      `/requests${query}`,
    );
    return body.requests;
  }

  async createRequest(request: CreateQuotaRequest): Promise<QuotaRequest> {
    return this.request<QuotaRequest>('/requests', postJson(request));
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
    const body = await this.request<{ events: QuotaEvent[] }>(`/audit${query}`);
    return body.events;
  }

  async exportAuditCsv(filter?: AuditFilter): Promise<Blob> {
    const query = toQuery({ ...filter, format: 'csv' });
    return this.request<Blob>(`/audit${query}`, undefined, res => res.blob());
  }

  private async decide(
    id: string,
    action: 'approve' | 'reject' | 'cancel',
    comment: string | undefined,
  ): Promise<QuotaRequest> {
    return this.request<QuotaRequest>(
      `/requests/${encodeURIComponent(id)}/${action}`,
      postJson(comment === undefined ? {} : { comment }),
    );
  }

  private async request<T>(
    path: string,
    init?: RequestInit,
    read: (res: Response) => Promise<T> = res => res.json(),
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    const res = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return read(res);
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
