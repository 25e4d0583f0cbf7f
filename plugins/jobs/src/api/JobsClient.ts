import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type { Job } from '@internal/plugin-jobs-common';
import { BackendRequests } from '@internal/plugin-mlp-react';
import type { JobsApi, MyTeams } from './JobsApi';

const PLUGIN_ID = 'jobs';
const PLUGIN_PATH = `/api/${PLUGIN_ID}`;

/** Talks to the jobs backend through fetchApi, so every call carries the user's token. */
export class JobsClient implements JobsApi {
  private readonly jobs: BackendRequests;
  private readonly gpuQuota: BackendRequests;
  private readonly discoveryApi: DiscoveryApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.jobs = new BackendRequests(PLUGIN_ID, options);
    this.gpuQuota = new BackendRequests('gpu-quota', options);
    this.discoveryApi = options.discoveryApi;
  }

  async listJobs(team?: string): Promise<Job[]> {
    const query = team ? `?${new URLSearchParams({ team })}` : '';
    const body = await this.jobs.request<{ jobs: Job[] }>(query);
    return body.jobs;
  }

  async getJob(id: string): Promise<Job> {
    return this.jobs.request<Job>(jobPath(id));
  }

  async getLogs(id: string): Promise<string> {
    return this.jobs.request<string>(`${jobPath(id)}/logs`, undefined, res =>
      res.text(),
    );
  }

  async cancelJob(id: string): Promise<Job> {
    const body = await this.jobs.request<{ job: Job }>(jobPath(id), {
      method: 'DELETE',
    });
    return body.job;
  }

  async myTeams(): Promise<MyTeams> {
    return this.gpuQuota.request<MyTeams>('/me');
  }

  async getBackendUrl(): Promise<string> {
    const base = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    return base.endsWith(PLUGIN_PATH)
      ? base.slice(0, -PLUGIN_PATH.length)
      : base;
  }
}

function jobPath(id: string): string {
  return `/${encodeURIComponent(id)}`;
}
