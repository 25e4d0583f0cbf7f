import { createApiRef } from '@backstage/frontend-plugin-api';
import type { Job } from '@internal/plugin-jobs-common';

/** Who the signed-in user is to the GPU quota backend: the teams they belong to. */
export type MyTeams = {
  userEntityRef: string;
  /** Names of the teams the user is a member of. */
  teams: string[];
  mayDecide: boolean;
};

/**
 * The training jobs backend (/api/jobs), as the frontend uses it. Failed calls throw a
 * ResponseError carrying the backend's message.
 */
export interface JobsApi {
  /** Jobs of one team, or of all the user's teams; newest first. */
  listJobs(team?: string): Promise<Job[]>;
  getJob(id: string): Promise<Job>;
  /** The job's pod logs as plain text. */
  getLogs(id: string): Promise<string>;
  /** Deletes the job's Argo Workflow and releases its budget reservation. */
  cancelJob(id: string): Promise<Job>;
  /** The teams the user is a member of (from the GPU quota backend). */
  myTeams(): Promise<MyTeams>;
  /** The portal backend's base URL, what `mlp login --url` takes. */
  getBackendUrl(): Promise<string>;
}

export const jobsApiRef = createApiRef<JobsApi>().with({
  id: 'plugin.jobs.api',
  pluginId: 'jobs',
});
