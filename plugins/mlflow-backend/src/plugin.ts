import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mlflowPermissions } from '@internal/plugin-mlflow-common';
import { readMlflowServers } from '@internal/plugin-mlflow-node';
import { PluginRequests, TeamAccess } from '@internal/plugin-mlp-node';
import { createRouter } from './router';
import { MlflowService } from './service/MlflowService';
import { TeamRuns } from './service/TeamRuns';

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
        userInfo: coreServices.userInfo,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
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
            teamRuns: new TeamRuns({
              mlflow: service,
              jobs: new PluginRequests('jobs', {
                discovery: deps.discovery,
                auth: deps.auth,
              }),
              auth: deps.auth,
              access: new TeamAccess(deps.permissions, deps.userInfo),
            }),
          }),
        );
      },
    });
  },
});
