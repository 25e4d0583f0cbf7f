import {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Config } from '@backstage/config';
import { KubeHttp, readKubeCluster } from '@internal/plugin-mlp-kube-node';
import { scheduleLoggedTask } from '@internal/plugin-mlp-node';
import { OpenCostClient } from '../opencost/OpenCostClient';
import { OpenCostSync } from '../opencost/OpenCostSync';
import type { CostSettings } from '../settings';
import { DatabaseCostStore } from '../store/DatabaseCostStore';
import { BudgetAlerts } from './BudgetAlerts';
import { scheduleLedgerSync } from './LedgerSyncTask';
import { PodLedgerSync } from './PodLedgerSync';
import { PodWatcher } from './PodWatcher';
import { scheduleRollUp } from './RollUpTask';

type TaskDeps = {
  logger: LoggerService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
};

/**
 * Where the figures come from, on the scheduler: the portal's own ledger (pods watched on the
 * cluster, the list as the safety net, and the daily roll-up) or OpenCost.
 */
export async function startCostSource(
  deps: TaskDeps & { config: Config },
  store: DatabaseCostStore,
  settings: CostSettings,
) {
  const { source } = settings;
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
    return;
  }
  const cluster = readKubeCluster(deps.config);
  if (cluster) {
    const http = new KubeHttp(cluster);
    const sync = new PodLedgerSync(http, store, settings.rates, deps.logger);
    if (settings.watchPods) {
      const watcher = new PodWatcher(http, sync, deps.logger);
      deps.lifecycle.addStartupHook(() => watcher.start());
      deps.lifecycle.addShutdownHook(() => watcher.stop());
    }
    await scheduleLedgerSync({
      scheduler: deps.scheduler,
      sync,
      logger: deps.logger,
      frequencySeconds: settings.syncSeconds,
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
    frequencyMinutes: settings.rollupMinutes,
  });
}

/** Tells each team and the keepers when it crosses 50/80/100 % of its budget, every 10 minutes. */
export async function scheduleBudgetAlerts(
  deps: TaskDeps & { notifications: NotificationService },
  store: DatabaseCostStore,
  settings: CostSettings,
) {
  const alerts = new BudgetAlerts({
    store,
    notifications: deps.notifications,
    logger: deps.logger,
    keeperGroups: settings.keeperGroups,
    currency: settings.rates.currency,
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
}
