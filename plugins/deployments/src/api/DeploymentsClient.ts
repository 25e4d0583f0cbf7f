import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  AuditEvent,
  DeployRequest,
  DeployResult,
  Deployment,
  Environment,
  Lineage,
  ModelDeployments,
} from '@internal/plugin-deployments-common';
import { BackendRequests } from '@internal/plugin-mlp-react';
import type { DeploymentsApi } from './DeploymentsApi';

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});
const modelPath = (model: string) => `/models/${encodeURIComponent(model)}`;

/** Talks to the deployments backend through fetchApi, so every call carries the user's token. */
export class DeploymentsClient implements DeploymentsApi {
  private readonly backend: BackendRequests;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new BackendRequests('deployments', options);
  }

  getModel(model: string): Promise<ModelDeployments> {
    return this.backend.request(modelPath(model));
  }

  deploy(request: DeployRequest): Promise<DeployResult> {
    return this.backend.request('/', post(request));
  }

  approve(id: string): Promise<DeployResult> {
    return this.backend.request(`/${encodeURIComponent(id)}/approve`, post({}));
  }

  async reject(id: string, reason: string): Promise<Deployment> {
    const body = await this.backend.request<{ deployment: Deployment }>(
      `/${encodeURIComponent(id)}/reject`,
      post({ reason }),
    );
    return body.deployment;
  }

  rollback(model: string, environment: Environment): Promise<DeployResult> {
    return this.backend.request(
      `${modelPath(model)}/rollback`,
      post({ environment }),
    );
  }

  getLineage(model: string, version?: string): Promise<Lineage> {
    const query = version ? `?${new URLSearchParams({ version })}` : '';
    return this.backend.request(`${modelPath(model)}/lineage${query}`);
  }

  async getAudit(model: string): Promise<AuditEvent[]> {
    const body = await this.backend.request<{ events: AuditEvent[] }>(
      `${modelPath(model)}/audit`,
    );
    return body.events;
  }
}
