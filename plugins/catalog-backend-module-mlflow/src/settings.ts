import type { Config } from '@backstage/config';

export type ProviderSettings = {
  enabled: boolean;
  frequencyMinutes: number;
  initialDelaySeconds: number;
  defaultOwner: string;
};

/** `mlflow.catalog`: whether and how often registered models are ingested, and their fallback owner. */
export function readProviderSettings(config: Config): ProviderSettings {
  const frequencyMinutes =
    config.getOptionalNumber('mlflow.catalog.frequencyMinutes') ?? 30;
  if (!(frequencyMinutes > 0)) {
    throw new Error(
      `mlflow.catalog.frequencyMinutes is ${frequencyMinutes}; it is a number of minutes above 0, such as 30`,
    );
  }
  const defaultOwner =
    config.getOptionalString('mlflow.catalog.defaultOwner') ??
    'group:default/platform-team';
  if (!/^(group|user):([\w.-]+\/)?[\w.-]+$/.test(defaultOwner)) {
    throw new Error(
      `mlflow.catalog.defaultOwner is '${defaultOwner}'; it is an entity ref such as group:default/platform-team`,
    );
  }
  return {
    enabled: config.getOptionalBoolean('mlflow.catalog.enabled') ?? true,
    frequencyMinutes,
    initialDelaySeconds:
      config.getOptionalNumber('mlflow.catalog.initialDelaySeconds') ?? 120,
    defaultOwner,
  };
}
