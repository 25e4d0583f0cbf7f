import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { scheduleLoggedTask } from '@internal/plugin-mlp-node';
import { PodLedgerSync } from './PodLedgerSync';

export const SYNC_TASK_ID = 'cost-ledger-sync';

/** Brings the ledger up to date on the scheduler: at start, then every few seconds. */
export async function scheduleLedgerSync(options: {
  scheduler: SchedulerService;
  sync: PodLedgerSync;
  logger: LoggerService;
  frequencySeconds: number;
}) {
  await scheduleLoggedTask({
    scheduler: options.scheduler,
    logger: options.logger,
    id: SYNC_TASK_ID,
    frequency: { seconds: options.frequencySeconds },
    timeout: { minutes: 2 },
    failure: 'cost ledger sync failed; the next pass catches up',
    run: () => options.sync.run(),
  });
}
