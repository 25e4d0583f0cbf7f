import { Config } from '@backstage/config';
import { NotConfiguredError } from '@internal/plugin-mlp-kube-node';
import { readKeeperGroups } from '@internal/plugin-mlp-node';

export type Settings = {
  cacheMaxAgeSeconds: number;
  expiryCheckSeconds: number;
  /** The platform keepers (permission.adminGroups): told about requests and deferred expiries. */
  keeperGroups: string[];
  maxPerTeam: number;
};

function positive(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new NotConfiguredError(
      `${key} is ${value}; it must be a number above 0 (default ${fallback})`,
    );
  }
  return value;
}

/** The plugin's settings, read once at start; a wrong one fails start-up and names its key. */
export function readSettings(config: Config): Settings {
  return {
    cacheMaxAgeSeconds: positive(config, 'gpuQuota.cacheMaxAgeSeconds', 15),
    expiryCheckSeconds: positive(config, 'gpuQuota.expiryCheckSeconds', 300),
    keeperGroups: readKeeperGroups(config),
    maxPerTeam: positive(config, 'mlp.gpu.maxPerTeam', 512),
  };
}
