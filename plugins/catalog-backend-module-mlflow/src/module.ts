import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { MlflowClient, readMlflowServers } from '@internal/plugin-mlflow-node';
import { MlflowModelProvider } from './MlflowModelProvider';
import { readProviderSettings } from './settings';
import { scheduleLoggedTask } from '@internal/plugin-mlp-node';

/** Registered models of the configured MLflow servers, in the catalog as ml-model Components. */
export const catalogModuleMlflowModels = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mlflow-models',
  register(reg) {
    reg.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const servers = readMlflowServers(deps.config);
        const settings = readProviderSettings(deps.config);
        if (servers.length === 0 || !settings.enabled) {
          deps.logger.info(
            'MLflow models are not ingested into the catalog (no mlflow.servers, or mlflow.catalog.enabled is false)',
          );
          return;
        }
        const provider = new MlflowModelProvider(
          servers.map(s => new MlflowClient(s)),
          deps.catalog,
          deps.auth,
          deps.logger,
          settings,
        );
        deps.processing.addEntityProvider(provider);
        await scheduleLoggedTask({
          scheduler: deps.scheduler,
          logger: deps.logger,
          id: 'mlflow-models-provider',
          frequency: { minutes: settings.frequencyMinutes },
          timeout: { minutes: 10 },
          // After the catalog's first pass over its locations, so hand-written entities of the
          // same models are there to be seen.
          initialDelay: { seconds: settings.initialDelaySeconds },
          // The catalog keeps what the last good pass gave.
          failure: 'ingesting MLflow models failed',
          run: () => provider.run(),
        });
      },
    });
  },
});
