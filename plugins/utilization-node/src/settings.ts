import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

export type PrometheusSettings = {
  baseUrl: string;
  token?: string;
  timeoutMs: number;
};

export type UtilizationSettings = {
  /** Undefined: no Prometheus configured, so no utilization is read. */
  prometheus?: PrometheusSettings;
  idleBelowPercent: number;
  resolutionSeconds: number;
};

/** The `utilization.*` settings (config.d.ts), checked: a bad value names its key. */
export function readUtilizationSettings(config: Config): UtilizationSettings {
  const idleBelowPercent =
    config.getOptionalNumber('utilization.idleBelowPercent') ?? 10;
  if (!(idleBelowPercent > 0 && idleBelowPercent <= 100)) {
    throw new InputError(
      `utilization.idleBelowPercent must be above 0 and at most 100, not ${idleBelowPercent}`,
    );
  }
  const resolutionSeconds =
    config.getOptionalNumber('utilization.resolutionSeconds') ?? 60;
  if (!Number.isInteger(resolutionSeconds) || resolutionSeconds < 1) {
    throw new InputError(
      `utilization.resolutionSeconds must be a whole number of seconds of at least 1, not ${resolutionSeconds}`,
    );
  }
  const prometheus = config.getOptionalConfig('utilization.prometheus');
  if (!prometheus) return { idleBelowPercent, resolutionSeconds };
  const baseUrl = prometheus.getString('baseUrl');
  if (!/^https?:\/\//.test(baseUrl)) {
    throw new InputError(
      `utilization.prometheus.baseUrl must be an http(s) URL such as http://prometheus:9090, not '${baseUrl}'`,
    );
  }
  return {
    prometheus: {
      baseUrl: baseUrl.replace(/\/+$/, ''),
      token: prometheus.getOptionalString('token'),
      timeoutMs: (prometheus.getOptionalNumber('timeoutSeconds') ?? 10) * 1000,
    },
    idleBelowPercent,
    resolutionSeconds,
  };
}
