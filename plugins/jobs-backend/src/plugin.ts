import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { costBudgetServiceRef } from '@internal/plugin-cost-node';
import { gpuQuotaReaderServiceRef } from '@internal/plugin-gpu-quota-node';
import { jobsPermissions } from '@internal/plugin-jobs-common';
import { GpuAdmission } from '@internal/plugin-mlp-admission-node';
import { TeamAccess } from '@internal/plugin-mlp-node';
import { KubeHttp, readKubeCluster } from '@internal/plugin-mlp-kube-node';
import { createRouter } from './router';
import { JobService } from './services/JobService';
import { readJobsSettings } from './settings';

/** Training jobs as Argo Workflows in team namespaces, under /api/jobs. */
export const jobsPlugin = createBackendPlugin({
  pluginId: 'jobs',
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
        quota: gpuQuotaReaderServiceRef,
        budget: costBudgetServiceRef,
      },
      async init(deps) {
        const settings = readJobsSettings(deps.config);
        const cluster = readKubeCluster(deps.config);
        if (!cluster) {
          deps.logger.warn(
            'no Kubernetes cluster configured: training jobs are refused with 503',
          );
        }
        deps.permissionsRegistry.addPermissions(jobsPermissions);
        deps.httpRouter.use(
          createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            service: new JobService({
              kube: cluster ? new KubeHttp(cluster) : undefined,
              admission: new GpuAdmission({
                quota: deps.quota,
                budget: deps.budget,
                logger: deps.logger,
              }),
              access: new TeamAccess(deps.permissions, deps.userInfo),
              settings,
              logger: deps.logger,
            }),
          }),
        );
      },
    });
  },
});
