import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  IdleEvent,
  IdleNotice,
  IdlePolicy,
  IdlePolicyInput,
} from '@internal/plugin-utilization-common';
import { BackendRequests } from '@internal/plugin-mlp-react';
import type { UtilizationApi } from './UtilizationApi';

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/** Talks to /api/utilization through fetchApi, so every call carries the user's token. */
export class UtilizationClient implements UtilizationApi {
  private readonly backend: BackendRequests;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new BackendRequests('utilization', options);
  }

  async notices(team?: string): Promise<IdleNotice[]> {
    const query = team ? `?team=${encodeURIComponent(team)}` : '';
    return (
      await this.backend.request<{ notices: IdleNotice[] }>(`/notices${query}`)
    ).notices;
  }

  keep(id: string): Promise<IdleNotice> {
    return this.backend.request(
      `/notices/${encodeURIComponent(id)}/keep`,
      json('POST', {}),
    );
  }

  stop(id: string): Promise<IdleNotice> {
    return this.backend.request(
      `/notices/${encodeURIComponent(id)}/stop`,
      json('POST', {}),
    );
  }

  async policy(team: string): Promise<IdlePolicy | null> {
    return (
      await this.backend.request<{ policy: IdlePolicy | null }>(
        `/policies/${encodeURIComponent(team)}`,
      )
    ).policy;
  }

  setPolicy(team: string, policy: IdlePolicyInput): Promise<IdlePolicy> {
    return this.backend.request(
      `/policies/${encodeURIComponent(team)}`,
      json('PUT', policy),
    );
  }

  async events(team: string): Promise<IdleEvent[]> {
    return (
      await this.backend.request<{ events: IdleEvent[] }>(
        `/teams/${encodeURIComponent(team)}/events`,
      )
    ).events;
  }
}
