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
