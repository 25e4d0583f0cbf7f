import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { costPermissions } from '@internal/plugin-cost-common';
import { createRouter } from './router';
import { scheduleBudgetAlerts, startCostSource } from './services/costTasks';
import { createCostServices } from './services/costServices';
import {
  GpuUtilizationReader,
  readUtilizationSettings,
} from '@internal/plugin-utilization-node';
import { readCostSettings } from './settings';
import { DatabaseCostStore } from './store/DatabaseCostStore';

/** GPU cost per team from an allocation ledger, budgets and budget checks, under /api/cost. */
export const costPlugin = createBackendPlugin({
  pluginId: 'cost',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        notifications: notificationService,
      },
      async init(deps) {
        const settings = readCostSettings(deps.config);
        const store = await DatabaseCostStore.create({
          database: deps.database,
          currency: settings.rates.currency,
        });
        await startCostSource(deps, store, settings);
        await scheduleBudgetAlerts(deps, store, settings);
        const { service, checks } = createCostServices({
          store,
          rates: settings.rates,
          permissions: deps.permissions,
          userInfo: deps.userInfo,
          logger: deps.logger,
          reservationGraceHours: settings.reservationGraceHours,
          utilizationReader: new GpuUtilizationReader(
            readUtilizationSettings(deps.config),
          ),
        });
        deps.permissionsRegistry.addPermissions(costPermissions);
        deps.httpRouter.use(
          createRouter({ httpAuth: deps.httpAuth, service, checks }),
        );
      },
    });
  },
});
