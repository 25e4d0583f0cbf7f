import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { costBudgetServiceRef } from '@internal/plugin-cost-node';
import { deploymentsPermissions } from '@internal/plugin-deployments-common';
import { gpuQuotaReaderServiceRef } from '@internal/plugin-gpu-quota-node';
import { GpuAdmission } from '@internal/plugin-mlp-admission-node';
import { KubeHttp, readKubeCluster } from '@internal/plugin-mlp-kube-node';
import { PluginRequests, TeamAccess } from '@internal/plugin-mlp-node';
import { MlflowClient, readMlflowServers } from '@internal/plugin-mlflow-node';
import { createRouter } from './router';
import { DeploymentService } from './services/DeploymentService';
import { LineageService } from './services/LineageService';
import { ModelRegistry } from './services/ModelRegistry';
import { TeamDirectory } from './services/TeamDirectory';
import { readDeploymentsSettings } from './settings';
import { DatabaseDeploymentStore } from './store/DatabaseDeploymentStore';

/** Model versions served by KServe InferenceServices in team namespaces, under /api/deployments. */
export const deploymentsPlugin = createBackendPlugin({
  pluginId: 'deployments',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        database: coreServices.database,
        catalog: catalogServiceRef,
        quota: gpuQuotaReaderServiceRef,
        budget: costBudgetServiceRef,
      },
      async init(deps) {
        const settings = readDeploymentsSettings(deps.config);
        const cluster = readKubeCluster(deps.config);
        const servers = readMlflowServers(deps.config);
        const server = settings.mlflowServer
          ? servers.find(s => s.name === settings.mlflowServer)
          : servers[0];
        if (settings.mlflowServer && !server) {
          throw new Error(
            `deployments.mlflowServer: no mlflow.servers entry is named ${
              settings.mlflowServer
            } (names: ${servers.map(s => s.name).join(', ') || 'none'})`,
          );
        }
        if (!cluster || !server) {
          deps.logger.warn(
            `model deploys are refused with 503: no ${
              !cluster ? 'Kubernetes cluster' : 'MLflow server'
            } is configured`,
          );
        }
        deps.permissionsRegistry.addPermissions(deploymentsPermissions);
        const store = await DatabaseDeploymentStore.create({
          database: deps.database,
        });
        const registry = server
          ? new ModelRegistry(new MlflowClient(server))
          : undefined;
        const service = new DeploymentService({
          kube: cluster ? new KubeHttp(cluster) : undefined,
          registry,
          store,
          admission: new GpuAdmission({
            quota: deps.quota,
            budget: deps.budget,
            logger: deps.logger,
          }),
          access: new TeamAccess(deps.permissions, deps.userInfo),
          teams: new TeamDirectory(deps.catalog, deps.auth),
          settings,
          logger: deps.logger,
        });
        const lineage = new LineageService({
          registry: () => service.registry(),
          store,
          jobs: new PluginRequests('jobs', {
            discovery: deps.discovery,
            auth: deps.auth,
          }),
          auth: deps.auth,
          logger: deps.logger,
        });
        deps.httpRouter.use(
          createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            service,
            lineage,
            store,
          }),
        );
      },
    });
  },
});
