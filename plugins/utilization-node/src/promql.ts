// PromQL text for dcgm-exporter's series: pure functions.

/** dcgm-exporter's counters the portal reads. */
export const GPU_UTIL = 'DCGM_FI_DEV_GPU_UTIL';
export const FB_USED = 'DCGM_FI_DEV_FB_USED';

/** A value for a PromQL regex matcher that matches exactly these names. */
export function exactlyOneOf(names: string[]): string {
  const alternatives = [...new Set(names)]
    .sort()
    .map(n => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // In a PromQL string a backslash is escaped again.
  return alternatives.join('|').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** The series of `metric` for pods in these namespaces, only the named pods when given. */
export function selector(
  metric: string,
  scope: { namespaces: string[]; pods?: string[] },
): string {
  const matchers = [`namespace=~"${exactlyOneOf(scope.namespaces)}"`];
  if (scope.pods) matchers.push(`pod=~"${exactlyOneOf(scope.pods)}"`);
  return `${metric}{${matchers.join(',')}}`;
}

/**
 * The queries of one window, evaluated at its end over `rangeSeconds` with a step of
 * `stepSeconds`: per pod, the mean utilization of its GPUs, the highest, the GPU-steps measured
 * and those under the idle threshold, and the most memory used.
 */
export function windowQueries(input: {
  scope: { namespaces: string[]; pods?: string[] };
  rangeSeconds: number;
  stepSeconds: number;
  idleBelowPercent: number;
}) {
  const util = selector(GPU_UTIL, input.scope);
  const sampled = `[${input.rangeSeconds}s:${input.stepSeconds}s]`;
  const by = 'by (namespace, pod)';
  return {
    average: `avg ${by} (avg_over_time(${util}${sampled}))`,
    peak: `max ${by} (max_over_time(${util}${sampled}))`,
    measuredSteps: `sum ${by} (count_over_time(${util}${sampled}))`,
    idleSteps: `sum ${by} (count_over_time((${util} < ${input.idleBelowPercent})${sampled}))`,
    peakMemory: `max ${by} (max_over_time(${selector(
      FB_USED,
      input.scope,
    )}${sampled}))`,
  };
}
