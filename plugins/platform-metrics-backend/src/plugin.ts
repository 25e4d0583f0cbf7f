import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { PluginRequests, readKeeperGroups } from '@internal/plugin-mlp-node';
import { platformMetricsPermissions } from '@internal/plugin-platform-metrics-common';
import { createRouter } from './router';
import { PlatformMetricsService } from './services/PlatformMetricsService';

/** The platform's adoption figures for platform keepers, under /api/platform-metrics. */
export const platformMetricsPlugin = createBackendPlugin({
  pluginId: 'platform-metrics',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        logger: coreServices.logger,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(platformMetricsPermissions);
        const calls = { discovery: deps.discovery, auth: deps.auth };
        deps.httpRouter.use(
          createRouter({
            httpAuth: deps.httpAuth,
            service: new PlatformMetricsService({
              jobs: new PluginRequests('jobs', calls),
              auth: new PluginRequests('auth', calls),
              coder: new PluginRequests('coder', calls),
              logger: deps.logger,
              catalog: deps.catalog,
              authService: deps.auth,
              permissions: deps.permissions,
              keeperGroups: readKeeperGroups(deps.config),
            }),
          }),
        );
      },
    });
  },
});
