import { Config } from '@backstage/config';
import { NotConfiguredError } from '@internal/plugin-mlp-kube-node';

export type OpenCostConfig = {
  baseUrl: string;
  syncMinutes: number;
  backfillDays: number;
  lookbackDays: number;
};

/** Where cost figures come from: the portal's own pod ledger (default) or OpenCost. */
export function readCostSource(
  config: Config,
): { type: 'ledger' } | { type: 'opencost'; opencost: OpenCostConfig } {
  const source = config.getOptionalString('cost.source') ?? 'ledger';
  if (source === 'ledger') return { type: 'ledger' };
  if (source !== 'opencost') {
    throw new NotConfiguredError(
      `cost.source is '${source}'; it is ledger (the portal watches pods) or opencost`,
    );
  }
  const baseUrl = config.getOptionalString('cost.opencost.baseUrl');
  if (!baseUrl || !/^https?:\/\/[^/]+/.test(baseUrl)) {
    throw new NotConfiguredError(
      `cost.source is opencost, so cost.opencost.baseUrl must be OpenCost's API address, such as http://opencost.opencost:9003 (it is '${
        baseUrl ?? ''
      }')`,
    );
  }
  const whole = (key: string, fallback: number, max: number) => {
    const value = config.getOptionalNumber(`cost.opencost.${key}`) ?? fallback;
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new NotConfiguredError(
        `cost.opencost.${key} is ${value}; it is a whole number from 1 to ${max}`,
      );
    }
    return value;
  };
  return {
    type: 'opencost',
    opencost: {
      baseUrl,
      syncMinutes: whole('syncMinutes', 60, 1440),
      backfillDays: whole('backfillDays', 30, 400),
      lookbackDays: whole('lookbackDays', 3, 31),
    },
  };
}
