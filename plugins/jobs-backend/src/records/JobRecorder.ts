import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  finalJobRecordPhases,
  type Job,
  type JobRecord,
} from '@internal/plugin-jobs-common';
import type { JobMlflowRuns } from '../services/JobMlflowRuns';
import type { JobRecordStore } from './JobRecordStore';

/**
 * A Workflow missing from a listing is taken as deleted only when it was made this long before
 * the listing began: creation times have whole seconds, so a job submitted just as the listing
 * ran may be missing from it without being gone.
 */
const GONE_AFTER_MS = 5_000;

/**
 * Keeps the portal's records of training jobs: a job is recorded when it is submitted and when it
 * is cancelled, and a scheduled pass records how every job in the cluster is doing, so a record
 * keeps what happened after the Workflow is deleted. A record that has not ended and whose
 * Workflow is gone was deleted outside the portal: it ends as Cancelled. When a record ends, the
 * MLflow run made for the job is ended with its outcome, if its code left it open.
 */
export class JobRecorder {
  constructor(
    private readonly store: JobRecordStore,
    private readonly logger: LoggerService,
    private readonly options: {
      /** Ends each job's MLflow run with the job. */
      runs?: JobMlflowRuns;
      now?: () => Date;
    } = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Records a job as it is now; `cancelled` when the portal has just cancelled it. */
  async record(job: Job, cancelled = false): Promise<void> {
    const at = this.now().toISOString();
    // A job that had ended before it was cancelled keeps its outcome.
    const stopped =
      cancelled && (job.phase === 'Pending' || job.phase === 'Running');
    const record: JobRecord = stopped
      ? { ...recordOf(job, at), phase: 'Cancelled', finishedAt: at }
      : recordOf(job, at);
    await this.store.save([record]);
    if (finalJobRecordPhases.includes(record.phase)) {
      await this.closeRuns([record]);
    }
  }

  /** Ends the MLflow runs of jobs that have just ended; a failure is logged, not thrown. */
  private async closeRuns(records: JobRecord[]) {
    const { runs } = this.options;
    if (!runs) return;
    for (const r of records) {
      if (!r.mlflowRunId) continue;
      try {
        await runs.close(r.mlflowRunId, r.phase, r.finishedAt ?? r.updatedAt);
      } catch (error) {
        this.logger.warn("could not end the job's MLflow run", {
          job: r.id,
          run: r.mlflowRunId,
          error: String(error),
        });
      }
    }
  }

  /** Records every job `list` finds, and ends the open records whose Workflow is gone. */
  async pass(
    list: () => Promise<Job[]>,
  ): Promise<{ recorded: number; gone: number }> {
    const began = this.now();
    const at = began.toISOString();
    const jobs = await list();
    // The records still open before this pass: those the listing lacks are gone; those it shows
    // ended have just ended.
    const open = await this.store.open();
    const wasOpen = new Set(open.map(r => r.id));
    const records = jobs.map(job => recordOf(job, at));
    await this.store.save(records);
    const seen = new Set(jobs.map(j => j.id));
    const gone = open.filter(
      r =>
        !seen.has(r.id) &&
        Date.parse(r.createdAt) < began.getTime() - GONE_AFTER_MS,
    );
    const ended = gone.map(r => ({
      ...r,
      phase: 'Cancelled' as const,
      finishedAt: at,
      updatedAt: at,
    }));
    await this.store.save(ended);
    await this.closeRuns([
      ...records.filter(
        r => wasOpen.has(r.id) && finalJobRecordPhases.includes(r.phase),
      ),
      ...ended,
    ]);
    if (gone.length > 0) {
      this.logger.info('job records ended: their Workflows were deleted', {
        jobs: gone.map(r => r.id).join(','),
      });
    }
    return { recorded: jobs.length, gone: gone.length };
  }
}

function recordOf(job: Job, at: string): JobRecord {
  return {
    id: job.id,
    team: job.team,
    submittedBy: job.submittedBy,
    gpus: job.gpus,
    gpuResource: job.gpuResource,
    createdAt: job.createdAt || at,
    ...(job.startedAt ? { startedAt: job.startedAt } : {}),
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    phase: job.phase,
    runtimeSeconds: job.runtimeSeconds,
    cost: job.costSoFar,
    currency: job.currency,
    ...(job.mlflow.runId ? { mlflowRunId: job.mlflow.runId } : {}),
    updatedAt: at,
  };
}
