import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { JobRecordPhase } from '@internal/plugin-jobs-common';
import {
  MLFLOW_RUN_JOB_TAG,
  MLFLOW_TEAM_TAG,
} from '@internal/plugin-mlflow-common';
import type { MlflowClient } from '@internal/plugin-mlflow-node';

const RUN_STATUS: Partial<
  Record<JobRecordPhase, 'FINISHED' | 'FAILED' | 'KILLED'>
> = {
  Succeeded: 'FINISHED',
  Failed: 'FAILED',
  Error: 'FAILED',
  Cancelled: 'KILLED',
};

/**
 * The MLflow run of each training job: made when the job is submitted, in the job's experiment
 * (made when missing, tagged with the team), tagged with the job id and the team, and handed to
 * the job as MLFLOW_RUN_ID, so the job's code logs into it (mlflow.start_run() resumes it). When
 * the job ends and its code left the run open (or nothing ran, as on simulated nodes), the run is
 * ended with the job's outcome. MLflow being down never stops a job: it runs without a run made
 * for it, and the log says so.
 */
export class JobMlflowRuns {
  constructor(
    private readonly mlflow: MlflowClient,
    private readonly logger: LoggerService,
  ) {}

  /** The run made for a job about to be submitted, or undefined when MLflow could not. */
  async open(job: {
    id: string;
    name: string;
    team: string;
    experiment: string;
    userRef: string;
    at: Date;
  }): Promise<string | undefined> {
    try {
      const experimentId = await this.experimentId(job.experiment, job.team);
      const run = await this.mlflow.createRun({
        experimentId,
        runName: job.id,
        startTime: job.at.getTime(),
        tags: {
          [MLFLOW_RUN_JOB_TAG]: job.id,
          [MLFLOW_TEAM_TAG]: job.team,
          'mlflow.user': job.userRef.replace(/^user:[^/]+\//, ''),
          'mlp.submitted_by': job.userRef,
        },
      });
      return run.info.run_id;
    } catch (error) {
      this.logger.warn(
        'no MLflow run made for the job; it runs without one (its code may make its own)',
        { job: job.id, error: String(error) },
      );
      return undefined;
    }
  }

  /** Ends the job's run with its outcome, when the run is still open. */
  async close(runId: string, phase: JobRecordPhase, endedAt: string) {
    const status = RUN_STATUS[phase];
    if (!status) return;
    const run = await this.mlflow.getRun(runId);
    if (run.info.status !== 'RUNNING' && run.info.status !== 'SCHEDULED') {
      return;
    }
    await this.mlflow.updateRun(runId, status, Date.parse(endedAt));
  }

  private async experimentId(name: string, team: string): Promise<string> {
    try {
      return (await this.mlflow.getExperimentByName(name)).experiment_id;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      try {
        return await this.mlflow.createExperiment(name, {
          [MLFLOW_TEAM_TAG]: team,
        });
      } catch {
        // Another job of the same experiment made it first.
        return (await this.mlflow.getExperimentByName(name)).experiment_id;
      }
    }
  }
}
