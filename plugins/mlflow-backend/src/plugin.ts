import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mlflowPermissions } from '@internal/plugin-mlflow-common';
import { readMlflowServers } from '@internal/plugin-mlflow-node';
import { createRouter } from './router';
import { MlflowService } from './service/MlflowService';

/** Experiments, runs and registered models of the configured MLflow servers, under /api/mlflow. */
export const mlflowPlugin = createBackendPlugin({
  pluginId: 'mlflow',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init(deps) {
        const servers = readMlflowServers(deps.config);
        if (servers.length === 0) {
          deps.logger.warn(
            'no MLflow server configured (mlflow.servers): MLflow tabs say so',
          );
        }
        const service = new MlflowService(servers, {
          cacheSeconds:
            deps.config.getOptionalNumber('mlflow.cacheSeconds') ?? 15,
        });
        deps.permissionsRegistry.addPermissions(mlflowPermissions);
        deps.httpRouter.use(
          createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            service,
          }),
        );
      },
    });
  },
});
