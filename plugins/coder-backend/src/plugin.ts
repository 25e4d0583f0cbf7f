import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { coderPermissions } from '@internal/plugin-coder-common';
import { CoderClient, readCoderSettings } from '@internal/plugin-coder-node';
import { costBudgetServiceRef } from '@internal/plugin-cost-node';
import { gpuQuotaReaderServiceRef } from '@internal/plugin-gpu-quota-node';
import { GpuAdmission } from '@internal/plugin-mlp-admission-node';
import { createRouter } from './router';
import { AllocationGate } from './services/AllocationGate';
import { CoderConnections } from './services/CoderConnections';
import { TokenCipher } from './services/TokenCipher';
import { WorkspaceService } from './services/WorkspaceService';
import { DatabaseCoderTokenStore } from './store/DatabaseCoderTokenStore';
import { DatabaseWorkspaceUseStore } from './store/DatabaseWorkspaceUseStore';

const NOT_CONFIGURED =
  'Coder is not configured for this portal: a platform keeper sets coder.baseUrl and coder.tokenEncryptionKey (see the guide "Operating the platform")';

/** Each user's Coder workspaces (list, create, start, stop, delete) under /api/coder. */
export const coderPlugin = createBackendPlugin({
  pluginId: 'coder',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        quota: gpuQuotaReaderServiceRef,
        budget: costBudgetServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(coderPermissions);
        const settings = readCoderSettings(deps.config);
        if (!settings) {
          deps.logger.warn(
            'no Coder configured (coder.baseUrl): Coder workspace cards say so',
          );
          deps.httpRouter.use(
            createRouter({
              httpAuth: deps.httpAuth,
              permissions: deps.permissions,
              notConfigured: NOT_CONFIGURED,
            }),
          );
          return;
        }
        const client = new CoderClient(settings.baseUrl, {
          timeoutMs: settings.timeoutSeconds * 1000,
        });
        const connections = new CoderConnections({
          store: await DatabaseCoderTokenStore.create({
            database: deps.database,
          }),
          cipher: new TokenCipher(settings.tokenEncryptionKey),
          client,
          coderUrl: settings.baseUrl,
        });
        // The token store runs the plugin's migrations, the use records' table's too.
        const uses = new DatabaseWorkspaceUseStore(
          await deps.database.getClient(),
        );
        const workspaces = new WorkspaceService({
          client,
          connections,
          settings,
          uses,
          logger: deps.logger,
          gate: new AllocationGate({
            admission: new GpuAdmission({
              quota: deps.quota,
              budget: deps.budget,
              logger: deps.logger,
            }),
            gpuResource: settings.gpuResource,
          }),
        });
        deps.httpRouter.use(
          createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            connections,
            workspaces,
            uses,
            notConfigured: NOT_CONFIGURED,
          }),
        );
      },
    });
  },
});
