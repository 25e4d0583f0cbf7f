import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { Access } from './access';
import {
  createArgoApplicationAction,
  createArgoProjectAction,
} from './actions/argocd';
import { ActionDeps } from './actions/deps';
import { createGpuQuotaAction } from './actions/gpuQuota';
import { createMlflowExperimentAction } from './actions/mlflowExperiment';
import { createNamespaceAction } from './actions/namespace';
import { createNetworkPolicyAction } from './actions/networkPolicy';
import { createPublishLocalAction } from './actions/publishLocal';
import { createQueueAction } from './actions/queue';
import { createQuotaCheckAction } from './actions/quotaCheck';
import { createCostCheckAction } from './actions/costCheck';
import { costBudgetServiceRef } from '@internal/plugin-cost-node';
import { gpuQuotaReaderServiceRef } from '@internal/plugin-gpu-quota-node';
import { GpuAdmission } from '@internal/plugin-mlp-admission-node';
import { coderWorkspacesServiceRef } from '@internal/plugin-coder-node';
import { createCoderWorkspaceAction } from './actions/coderWorkspace';
import { createRegisterLocalAction } from './actions/registerLocal';
import { createRegisterRepoAction } from './actions/registerRepo';
import { HttpKubeObjects } from './kube/HttpKubeObjects';
import { readKubeCluster } from '@internal/plugin-mlp-kube-node';
import { readSettings } from './settings';

/** Wiring: reads config, builds the clients, registers the mlp:* actions. */
export const scaffolderModuleMlp = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'mlp',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        costBudget: costBudgetServiceRef,
        gpuQuota: gpuQuotaReaderServiceRef,
        coderWorkspaces: coderWorkspacesServiceRef,
      },
      async init({
        scaffolder,
        config,
        logger,
        permissions,
        userInfo,
        auth,
        catalog,
        costBudget,
        gpuQuota,
        coderWorkspaces,
      }) {
        const cluster = readKubeCluster(config);
        if (!cluster) {
          logger.warn(
            'No Kubernetes cluster in kubernetes.clusterLocatorMethods: the mlp:k8s:* and mlp:argocd:* actions only dry-run',
          );
        }
        const deps: ActionDeps = {
          kube: cluster ? new HttpKubeObjects(cluster) : undefined,
          settings: readSettings(config),
          access: new Access(permissions, userInfo),
        };
        scaffolder.addActions(
          createNamespaceAction(deps),
          createGpuQuotaAction(deps),
          createNetworkPolicyAction(deps),
          createQueueAction(deps),
          createArgoProjectAction(deps),
          createArgoApplicationAction(deps),
          createQuotaCheckAction(deps),
          createCostCheckAction(
            deps,
            new GpuAdmission({ quota: gpuQuota, budget: costBudget, logger }),
          ),
          createCoderWorkspaceAction(deps, coderWorkspaces),
          createMlflowExperimentAction(deps),
          createPublishLocalAction(deps),
          createRegisterLocalAction(deps, catalog, auth),
          createRegisterRepoAction(deps, catalog, auth),
        );
      },
    });
  },
});
