import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { PodLedgerSync } from './PodLedgerSync';

export const SYNC_TASK_ID = 'cost-ledger-sync';

/** Brings the ledger up to date on the scheduler: at start, then every few seconds. */
export class LedgerSyncTask {
  static async schedule(options: {
    scheduler: SchedulerService;
    sync: PodLedgerSync;
    logger: LoggerService;
    frequencySeconds: number;
  }) {
    const task = new LedgerSyncTask(options.sync, options.logger);
    await options.scheduler.scheduleTask({
      id: SYNC_TASK_ID,
      frequency: { seconds: options.frequencySeconds },
      timeout: { minutes: 2 },
      fn: () => task.run(),
    });
  }

  private constructor(
    private readonly sync: PodLedgerSync,
    private readonly logger: LoggerService,
  ) {}

  /** One pass. Never throws: a failed pass is logged and the next one catches up. */
  async run() {
    try {
      await this.sync.run();
    } catch (error) {
      this.logger.error('cost ledger sync failed; the next pass catches up', {
        error: String(error),
      });
    }
  }
}
