import type {
  GpuUtilization,
  UtilizationSource,
} from '@internal/plugin-utilization-common';
import { PrometheusClient } from './PrometheusClient';
import { windowQueries } from './promql';
import type { UtilizationSettings } from './settings';

/** `namespace/pod`: how pods are keyed in a reader's answers. */
export const podKey = (namespace: string, pod: string) => `${namespace}/${pod}`;

/** Utilization of each pod, keyed `namespace/pod`; or why there is none. */
export type PodUtilizations =
  | {
      source: UtilizationSource & { state: 'measured' };
      pods: Map<string, GpuUtilization>;
    }
  | {
      source: Exclude<UtilizationSource, { state: 'measured' }>;
      pods?: undefined;
    };

/**
 * GPU utilization of pods over a time window, from dcgm-exporter's series in Prometheus: five
 * instant queries per window whatever the number of pods. A Prometheus that does not answer is
 * not an error here: the answer says so (`unavailable`), so pages show their other figures.
 */
export class GpuUtilizationReader {
  private readonly client?: PrometheusClient;

  constructor(
    private readonly settings: UtilizationSettings,
    fetchImpl: typeof fetch = fetch,
  ) {
    if (settings.prometheus)
      this.client = new PrometheusClient(settings.prometheus, fetchImpl);
  }

  /** Queries sent so far. */
  get requestCount(): number {
    return this.client?.requestCount ?? 0;
  }

  /**
   * The pods of these namespaces (only the named ones, when given) over [from, to]. A pod with
   * no samples in the window is absent from the map. `idleBelowPercent` overrides the setting
   * (a team's idle policy has its own).
   */
  async pods(
    scope: { namespaces: string[]; pods?: string[] },
    window: { from: Date; to: Date },
    options: { idleBelowPercent?: number } = {},
  ): Promise<PodUtilizations> {
    if (!this.client) return { source: { state: 'not-configured' } };
    const { resolutionSeconds } = this.settings;
    const idleBelowPercent =
      options.idleBelowPercent ?? this.settings.idleBelowPercent;
    const source = {
      state: 'measured' as const,
      idleBelowPercent,
      resolutionSeconds,
    };
    const pods = new Map<string, GpuUtilization>();
    if (scope.namespaces.length === 0 || scope.pods?.length === 0)
      return { source, pods };
    const rangeSeconds = Math.max(
      resolutionSeconds,
      Math.ceil((window.to.getTime() - window.from.getTime()) / 1000),
    );
    const queries = windowQueries({
      scope,
      rangeSeconds,
      stepSeconds: resolutionSeconds,
      idleBelowPercent,
    });
    let answers;
    try {
      answers = await Promise.all(
        [
          queries.average,
          queries.peak,
          queries.measuredSteps,
          queries.idleSteps,
          queries.peakMemory,
        ].map(q => this.client!.instant(q, window.to)),
      );
    } catch (error) {
      return {
        source: { state: 'unavailable', message: (error as Error).message },
      };
    }
    const [average, peak, measured, idle, memory] = answers.map(
      samples =>
        new Map(
          samples.map(s => [podKey(s.metric.namespace, s.metric.pod), s.value]),
        ),
    );
    const stepHours = resolutionSeconds / 3600;
    for (const [key, measuredSteps] of measured) {
      pods.set(key, {
        averagePercent: average.get(key) ?? 0,
        peakPercent: peak.get(key) ?? 0,
        measuredGpuHours: measuredSteps * stepHours,
        idleGpuHours: (idle.get(key) ?? 0) * stepHours,
        ...(memory.has(key) ? { peakMemoryMiB: memory.get(key) } : {}),
      });
    }
    return { source, pods };
  }
}
