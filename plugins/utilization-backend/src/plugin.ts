import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { costBudgetServiceRef } from '@internal/plugin-cost-node';
import { KubeHttp, readKubeCluster } from '@internal/plugin-mlp-kube-node';
import { scheduleLoggedTask, TeamAccess } from '@internal/plugin-mlp-node';
import { utilizationPermissions } from '@internal/plugin-utilization-common';
import {
  GpuUtilizationReader,
  readUtilizationSettings,
} from '@internal/plugin-utilization-node';
import { createRouter } from './router';
import { IdleReclaimer } from './services/IdleReclaimer';
import { IdleService } from './services/IdleService';
import { JobStopper } from './services/JobStopper';
import { readReclaimSettings } from './settings';
import { DatabaseIdleStore } from './store/DatabaseIdleStore';

/** Idle GPU reclaim under /api/utilization: policies, notices, stops, the audit trail. */
export const utilizationPlugin = createBackendPlugin({
  pluginId: 'utilization',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
        budget: costBudgetServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(utilizationPermissions);
        const store = await DatabaseIdleStore.create({
          database: deps.database,
        });
        const cluster = readKubeCluster(deps.config);
        const kube = cluster ? new KubeHttp(cluster) : undefined;
        const reclaimer = kube
          ? new IdleReclaimer({
              kube,
              store,
              reader: new GpuUtilizationReader(
                readUtilizationSettings(deps.config),
              ),
              stopper: new JobStopper(kube, deps.budget, deps.auth),
              notifications: deps.notifications,
              logger: deps.logger,
            })
          : undefined;
        if (reclaimer) {
          const { intervalSeconds } = readReclaimSettings(deps.config);
          await scheduleLoggedTask({
            scheduler: deps.scheduler,
            logger: deps.logger,
            id: 'utilization-idle-reclaim',
            frequency: { seconds: intervalSeconds },
            timeout: { minutes: 2 },
            failure: 'an idle reclaim pass failed; the next one tries again',
            run: () => reclaimer.pass(),
          });
        } else {
          deps.logger.warn(
            'no Kubernetes cluster configured: idle reclaim stops nothing (policies can still be set)',
          );
        }
        deps.httpRouter.use(
          createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            service: new IdleService({
              store,
              access: new TeamAccess(deps.permissions, deps.userInfo),
              reclaimer,
              kube,
            }),
          }),
        );
      },
    });
  },
});
