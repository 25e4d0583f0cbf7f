import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  CoderConnection,
  CoderQuota,
  CoderTemplateSummary,
  CoderWorkspace,
  CreatedWorkspace,
  CreateWorkspaceRequest,
  WorkspacesAnswer,
  WorkspaceTransition,
} from '@internal/plugin-coder-common';
import { BackendRequests } from '@internal/plugin-mlp-react';
import type { CoderApi, WorkspacesFilter } from './CoderApi';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** Talks to the Coder backend through fetchApi, so every call carries the user's token. */
export class CoderBackendClient implements CoderApi {
  private readonly backend: BackendRequests;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new BackendRequests('coder', options);
  }

  getConnection(): Promise<CoderConnection> {
    return this.backend.request('/connection');
  }

  connect(token: string): Promise<CoderConnection> {
    return this.send('PUT', '/connection', { token });
  }

  async disconnect(): Promise<void> {
    await this.backend.request(
      '/connection',
      { method: 'DELETE' },
      async () => undefined,
    );
  }

  async getQuota(): Promise<CoderQuota | undefined> {
    return (await this.backend.request<{ quota?: CoderQuota }>('/quota')).quota;
  }

  async listTemplates(): Promise<CoderTemplateSummary[]> {
    return (
      await this.backend.request<{ templates: CoderTemplateSummary[] }>(
        '/templates',
      )
    ).templates;
  }

  listWorkspaces(filter: WorkspacesFilter = {}): Promise<WorkspacesAnswer> {
    const query = new URLSearchParams();
    if (filter.repoUrl) query.set('repoUrl', filter.repoUrl);
    if (filter.template) query.set('template', filter.template);
    const search = query.toString();
    return this.backend.request(`/workspaces${search ? `?${search}` : ''}`);
  }

  getWorkspace(id: string): Promise<CoderWorkspace> {
    return this.backend.request(`/workspaces/${encodeURIComponent(id)}`);
  }

  createWorkspace(request: CreateWorkspaceRequest): Promise<CreatedWorkspace> {
    return this.send('POST', '/workspaces', request);
  }

  buildWorkspace(
    id: string,
    transition: WorkspaceTransition,
    team?: string,
  ): Promise<CoderWorkspace> {
    return this.send('POST', `/workspaces/${encodeURIComponent(id)}/builds`, {
      transition,
      ...(transition === 'start' && team ? { team } : {}),
    });
  }

  private send<T>(method: string, path: string, body: unknown): Promise<T> {
    return this.backend.request<T>(path, {
      method,
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
    });
  }
}
