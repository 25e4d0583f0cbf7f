import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { gpuQuotaPermissions } from '@internal/plugin-gpu-quota-common';
import { KubeHttp, readKubeCluster } from '@internal/plugin-mlp-kube-node';
import { createRouter } from './router';
import { readSettings } from './settings';
import { Access } from './services/Access';
import { HttpClusterQuotas } from './services/ClusterQuotas';
import { createGpuQuotaServices } from './services/gpuQuotaServices';
import { scheduleQuotaExpiry } from './services/QuotaExpiryTask';
import { NotificationsQuotaNotifier } from './services/QuotaNotifier';
import { DatabaseQuotaRequestStore } from './store/DatabaseQuotaRequestStore';

/** GPU quotas per team, increase requests with approval and expiry, under /api/gpu-quota. */
export const gpuQuotaPlugin = createBackendPlugin({
  pluginId: 'gpu-quota',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        notifications: notificationService,
      },
      async init(deps) {
        const settings = readSettings(deps.config);
        const cluster = readKubeCluster(deps.config);
        if (!cluster) {
          deps.logger.warn(
            'no Kubernetes cluster configured: GPU quotas show "no cluster configured"',
          );
        }
        const services = createGpuQuotaServices({
          store: await DatabaseQuotaRequestStore.create({
            database: deps.database,
          }),
          cluster: cluster
            ? new HttpClusterQuotas(new KubeHttp(cluster))
            : undefined,
          cacheMaxAgeMs: settings.cacheMaxAgeSeconds * 1000,
          access: new Access(deps.permissions, deps.userInfo),
          notifier: new NotificationsQuotaNotifier(
            deps.notifications,
            deps.logger,
          ),
          logger: deps.logger,
          settings,
        });
        await scheduleQuotaExpiry({
          scheduler: deps.scheduler,
          expiry: services.expiry,
          logger: deps.logger,
          frequencySeconds: settings.expiryCheckSeconds,
        });
        deps.permissionsRegistry.addPermissions(gpuQuotaPermissions);
        deps.httpRouter.use(
          createRouter({ httpAuth: deps.httpAuth, services }),
        );
      },
    });
  },
});
