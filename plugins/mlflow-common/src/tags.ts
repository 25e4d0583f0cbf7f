/**
 * Registered-model tags the portal's tools write and the portal reads. MLflow itself records
 * neither which metric matters most nor when an alias moved.
 */

/** Names the metric shown first for a model everywhere in the portal, e.g. `val_accuracy`. */
export const MLFLOW_KEY_METRIC_TAG = 'mlp.key_metric';

/** Shown first when a model has no `mlp.key_metric` tag and its runs log it. */
export const DEFAULT_KEY_METRIC = 'val_accuracy';

/**
 * The tag that records when `alias` last moved through the portal's tools:
 * `mlp.alias.<alias>` = `<version>@<ISO time>`, e.g. `mlp.alias.champion` = `3@2026-11-20T12:03:00+00:00`.
 */
export function aliasMoveTag(alias: string): string {
  return `mlp.alias.${alias}`;
}

/**
 * Run tag of the training job that made a run: the jobs plugin sets it on the run it makes for
 * each job, and a team's experiments table finds the job's GPU time and cost through it.
 */
export const MLFLOW_RUN_JOB_TAG = 'mlp.job_id';

/** Experiment and run tag naming the team (the portal's jobs and the demo seeder set it). */
export const MLFLOW_TEAM_TAG = 'team';

/**
 * Run tag naming the data a run trained on, e.g. `support-tickets@2026-03` (a dataset name and
 * version). Model lineage shows it; MLflow's own dataset inputs (mlflow.log_input) are read when
 * the tag is absent.
 */
export const MLFLOW_RUN_DATASET_TAG = 'mlp.dataset';
