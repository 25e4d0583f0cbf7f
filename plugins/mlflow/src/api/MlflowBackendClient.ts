import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  ChampionCard,
  MetricHistory,
  MlflowServerInfo,
  ModelOverview,
  RegisteredModelView,
  RunsPage,
  TeamRunsAnswer,
} from '@internal/plugin-mlflow-common';
import { BackendRequests } from '@internal/plugin-mlp-react';
import type { MlflowApi, RunsRequest } from './MlflowApi';

/** Talks to the MLflow backend through fetchApi, so every call carries the user's token. */
export class MlflowBackendClient implements MlflowApi {
  private readonly backend: BackendRequests;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new BackendRequests('mlflow', options);
  }

  async servers(): Promise<MlflowServerInfo[]> {
    return (
      await this.backend.request<{ servers: MlflowServerInfo[] }>('/servers')
    ).servers;
  }

  runs(request: RunsRequest): Promise<RunsPage> {
    const query = new URLSearchParams({
      experiment: request.experiment,
      pageSize: String(request.pageSize),
    });
    if (request.server) query.set('server', request.server);
    if (request.filter) query.set('filter', request.filter);
    if (request.orderBy) query.set('orderBy', request.orderBy);
    if (request.pageToken) query.set('pageToken', request.pageToken);
    return this.backend.request(`/runs?${query}`);
  }

  teamRuns(
    team: string,
    filters: { server?: string; status?: string; tag?: string },
  ): Promise<TeamRunsAnswer> {
    return this.backend.request(teamRunsPath(team, 'runs', filters));
  }

  teamRunsCsv(
    team: string,
    filters: { server?: string; status?: string; tag?: string },
  ): Promise<Blob> {
    return this.backend.request(
      teamRunsPath(team, 'runs.csv', filters),
      undefined,
      res => res.blob(),
    );
  }

  metricHistory(
    server: string | undefined,
    runId: string,
    key: string,
  ): Promise<MetricHistory> {
    return this.backend.request(
      `/runs/${encodeURIComponent(runId)}/metrics/${encodeURIComponent(
        key,
      )}${serverQuery(server)}`,
    );
  }

  model(
    server: string | undefined,
    name: string,
  ): Promise<RegisteredModelView> {
    return this.backend.request(
      `/models/${encodeURIComponent(name)}${serverQuery(server)}`,
    );
  }

  champion(server: string | undefined, name: string): Promise<ChampionCard> {
    return this.backend.request(
      `/models/${encodeURIComponent(name)}/champion${serverQuery(server)}`,
    );
  }

  overview(server: string | undefined, name: string): Promise<ModelOverview> {
    return this.backend.request(
      `/models/${encodeURIComponent(name)}/overview${serverQuery(server)}`,
    );
  }
}

function serverQuery(server?: string) {
  return server ? `?${new URLSearchParams({ server })}` : '';
}

function teamRunsPath(
  team: string,
  what: 'runs' | 'runs.csv',
  filters: Record<string, string | undefined>,
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value) query.set(key, value);
  }
  const q = query.toString();
  return `/teams/${encodeURIComponent(team)}/${what}${q ? `?${q}` : ''}`;
}
