import {
  DEFAULT_KEY_METRIC,
  MLFLOW_KEY_METRIC_TAG,
  type RunSummary,
} from '@internal/plugin-mlflow-common';

/**
 * The metric the portal shows first for a model: the `mlp.key_metric` tag when set (even if
 * the runs lack it: the team chose it), else `val_accuracy` when one of the runs logged it, else
 * the first metric of the runs by name; undefined when they logged none.
 */
export function chooseKeyMetric(
  tags: Record<string, string>,
  runs: Array<RunSummary | undefined>,
): string | undefined {
  const chosen = tags[MLFLOW_KEY_METRIC_TAG]?.trim();
  if (chosen) return chosen;
  const logged = new Set(runs.flatMap(r => Object.keys(r?.metrics ?? {})));
  if (logged.has(DEFAULT_KEY_METRIC)) return DEFAULT_KEY_METRIC;
  return [...logged].sort()[0];
}
