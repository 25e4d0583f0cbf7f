import { Config } from '@backstage/config';
import { NotConfiguredError } from '@internal/plugin-mlp-kube-node';
import { readKeeperGroups } from '@internal/plugin-mlp-node';
import { OpenCostConfig, readCostSource } from './opencost/config';
import { RateCard } from './services/RateCard';

/** The cost plugin's settings, read and checked once at start. */
export type CostSettings = {
  rates: RateCard;
  source: { type: 'ledger' } | { type: 'opencost'; opencost: OpenCostConfig };
  /** Watch pods as they change (the ledger source); the scheduled list is the safety net. */
  watchPods: boolean;
  syncSeconds: number;
  rollupMinutes: number;
  reservationGraceHours: number;
  /** The platform keepers (permission.adminGroups), told about budget alerts. */
  keeperGroups: string[];
};

/**
 * `cost.*` checked: a wrong value fails start-up with its key and what it must be, instead of a
 * task that runs every NaN seconds.
 */
export function readCostSettings(config: Config): CostSettings {
  const positive = (key: string, fallback: number) => {
    const value = config.getOptionalNumber(key) ?? fallback;
    if (!Number.isFinite(value) || value <= 0) {
      throw new NotConfiguredError(
        `${key} is ${value}; it must be a number above 0 (default ${fallback})`,
      );
    }
    return value;
  };
  return {
    rates: RateCard.fromConfig(config),
    source: readCostSource(config),
    watchPods: config.getOptionalBoolean('cost.watchPods') ?? true,
    syncSeconds: positive('cost.syncSeconds', 300),
    rollupMinutes: positive('cost.rollupMinutes', 60),
    reservationGraceHours: positive('cost.reservationGraceHours', 1),
    keeperGroups: readKeeperGroups(config),
  };
}
