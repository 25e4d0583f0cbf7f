import {
  coreServices,
  createBackendPlugin,
  LifecycleService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { costPermissions } from '@internal/plugin-cost-common';
import { KubeHttp, readKubeCluster } from '@internal/plugin-mlp-kube-node';
import { createRouter } from './router';
import { BudgetAlerts } from './services/BudgetAlerts';
import { CostService } from './services/CostService';
import { scheduleLedgerSync } from './services/LedgerSyncTask';
import { PodLedgerSync } from './services/PodLedgerSync';
import { PodWatcher } from './services/PodWatcher';
import { readCostSource } from './opencost/config';
import { OpenCostClient } from './opencost/OpenCostClient';
import { OpenCostSync } from './opencost/OpenCostSync';
import { RateCard } from './services/RateCard';
import { scheduleRollUp } from './services/RollUpTask';
import { DatabaseCostStore } from './store/DatabaseCostStore';
import {
  readKeeperGroups,
  scheduleLoggedTask,
} from '@internal/plugin-mlp-node';

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
        const rates = RateCard.fromConfig(deps.config);
        const store = await DatabaseCostStore.create({
          database: deps.database,
          currency: rates.currency,
        });
        const source = readCostSource(deps.config);
        if (source.type === 'opencost') {
          const sync = new OpenCostSync(
            new OpenCostClient(source.opencost.baseUrl),
            store,
            deps.logger,
            source.opencost,
          );
          await scheduleLoggedTask({
            scheduler: deps.scheduler,
            logger: deps.logger,
            id: 'cost-opencost-sync',
            frequency: { minutes: source.opencost.syncMinutes },
            timeout: { minutes: 10 },
            failure: 'reading cost from OpenCost failed',
            run: () => sync.run(),
          });
        } else {
          await startLedger(deps, store, rates);
        }
        const alerts = new BudgetAlerts({
          store,
          notifications: deps.notifications,
          logger: deps.logger,
          keeperGroups: readKeeperGroups(deps.config),
          currency: rates.currency,
        });
        await scheduleLoggedTask({
          scheduler: deps.scheduler,
          logger: deps.logger,
          id: 'cost-budget-alerts',
          frequency: { minutes: 10 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 30 },
          failure: 'budget alert pass failed',
          run: () => alerts.run(),
        });
        const service = new CostService({
          store,
          rates,
          permissions: deps.permissions,
          userInfo: deps.userInfo,
          logger: deps.logger,
          reservationGraceHours:
            deps.config.getOptionalNumber('cost.reservationGraceHours') ?? 1,
        });
        deps.permissionsRegistry.addPermissions(costPermissions);
        deps.httpRouter.use(createRouter({ httpAuth: deps.httpAuth, service }));
      },
    });
  },
});

/** The portal's own ledger: pods watched on the cluster, and the daily roll-up kept current. */
async function startLedger(
  deps: {
    config: RootConfigService;
    logger: LoggerService;
    scheduler: SchedulerService;
    lifecycle: LifecycleService;
  },
  store: DatabaseCostStore,
  rates: RateCard,
) {
  const cluster = readKubeCluster(deps.config);
  if (cluster) {
    const http = new KubeHttp(cluster);
    const sync = new PodLedgerSync(http, store, rates, deps.logger);
    // The watch records changes as they happen; the scheduled list is the safety net.
    if (deps.config.getOptionalBoolean('cost.watchPods') ?? true) {
      const watcher = new PodWatcher(http, sync, deps.logger);
      deps.lifecycle.addStartupHook(() => watcher.start());
      deps.lifecycle.addShutdownHook(() => watcher.stop());
    }
    await scheduleLedgerSync({
      scheduler: deps.scheduler,
      sync,
      logger: deps.logger,
      frequencySeconds:
        deps.config.getOptionalNumber('cost.syncSeconds') ?? 300,
    });
  } else {
    deps.logger.warn(
      'no Kubernetes cluster configured: the cost ledger stays empty',
    );
  }
  await scheduleRollUp({
    scheduler: deps.scheduler,
    store,
    logger: deps.logger,
    frequencyMinutes: deps.config.getOptionalNumber('cost.rollupMinutes') ?? 60,
  });
}
