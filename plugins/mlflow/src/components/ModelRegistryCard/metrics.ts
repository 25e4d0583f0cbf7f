/** Metrics shown after the key metric, for each version's run. */
const MORE_METRICS = 3;

export type ShownMetric = { name: string; value?: number; key: boolean };

/**
 * What a version shows of its run's metrics: the model's key metric first (without a value when
 * the run did not log it), then up to three more by name.
 */
export function shownMetrics(
  metrics: Record<string, number>,
  keyMetric?: string,
): ShownMetric[] {
  const more = Object.keys(metrics)
    .filter(name => name !== keyMetric)
    .sort((a, b) => a.localeCompare(b))
    .slice(0, MORE_METRICS)
    .map(name => ({ name, value: metrics[name], key: false }));
  return keyMetric
    ? [{ name: keyMetric, value: metrics[keyMetric], key: true }, ...more]
    : more;
}
