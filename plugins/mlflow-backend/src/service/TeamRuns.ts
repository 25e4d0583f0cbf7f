import type {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import type { AuthService } from '@backstage/backend-plugin-api';
import { costReadAllPermission } from '@internal/plugin-cost-common';
import {
  type JobRecord,
  jobRecordsAnswerSchema,
} from '@internal/plugin-jobs-common';
import {
  MLFLOW_RUN_JOB_TAG,
  type TeamRunsAnswer,
  type TeamRunsQuery,
} from '@internal/plugin-mlflow-common';
import type { PluginRequests, TeamAccess } from '@internal/plugin-mlp-node';
import type { MlflowService } from './MlflowService';

/**
 * A team's experiments dashboard: the runs of all its experiments (MlflowService.teamRuns), each
 * with the GPU time and cost of the training job that produced it, read from the jobs plugin's
 * records through the run's `mlp.job_id` tag. GPU time and cost are the team's spending: they are
 * shown to its members and to those who read every team's cost (platform keepers).
 */
export class TeamRuns {
  constructor(
    private readonly deps: {
      mlflow: MlflowService;
      jobs: PluginRequests;
      auth: AuthService;
      access: TeamAccess;
    },
  ) {}

  async list(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    team: string,
    query: TeamRunsQuery,
  ): Promise<TeamRunsAnswer> {
    const { deps } = this;
    const [found, teams, readsAll] = await Promise.all([
      deps.mlflow.teamRuns(team, query),
      deps.access.teamsOf(credentials),
      deps.access.allowed(credentials, costReadAllPermission),
    ]);
    const jobFigures = readsAll || teams.includes(team);
    const ids = [
      ...new Set(
        found.runs
          .map(r => r.tags[MLFLOW_RUN_JOB_TAG])
          .filter((id): id is string => Boolean(id)),
      ),
    ];
    const records =
      jobFigures && ids.length > 0 ? await this.records(ids) : new Map();
    return {
      ...found,
      jobFigures,
      runs: found.runs.map(run => {
        const jobId = run.tags[MLFLOW_RUN_JOB_TAG];
        const record: JobRecord | undefined = jobId
          ? records.get(jobId)
          : undefined;
        return {
          ...run,
          ...(jobId ? { jobId } : {}),
          // Only the team's own jobs: a tag copied onto another team's run shows nothing.
          ...(record && record.team === team
            ? {
                gpus: record.gpus,
                gpuSeconds: record.gpus * record.runtimeSeconds,
                cost: record.cost,
                currency: record.currency,
              }
            : {}),
        };
      }),
    };
  }

  /** The jobs' records, 100 ids a request (a URL stays well under Node's header limit). */
  private async records(ids: string[]): Promise<Map<string, JobRecord>> {
    const own = await this.deps.auth.getOwnServiceCredentials();
    const chunks = Array.from({ length: Math.ceil(ids.length / 100) }, (_, i) =>
      ids.slice(i * 100, i * 100 + 100),
    );
    const answers = await Promise.all(
      chunks.map(chunk =>
        this.deps.jobs.request(
          `/records?ids=${encodeURIComponent(chunk.join(','))}`,
          own,
        ),
      ),
    );
    return new Map(
      answers
        .flatMap(a => jobRecordsAnswerSchema.parse(a).records)
        .map(r => [r.id, r]),
    );
  }
}
