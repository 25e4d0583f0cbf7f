import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** `utilization.reclaim.*`: how often idle reclaim looks at the teams with an idle policy. */
export function readReclaimSettings(config: Config): {
  intervalSeconds: number;
} {
  const intervalSeconds =
    config.getOptionalNumber('utilization.reclaim.intervalSeconds') ?? 60;
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < 1) {
    throw new InputError(
      `utilization.reclaim.intervalSeconds must be a whole number of seconds of at least 1, not ${intervalSeconds}`,
    );
  }
  return { intervalSeconds };
}
