import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { CostStore } from '../store/CostStore';

export const ROLLUP_TASK_ID = 'cost-daily-rollup';

/**
 * Keeps the daily roll-up current on the scheduler: each pass rolls up the days before today
 * that are new or were made stale by a late ledger write, so summaries add up days, not pods.
 */
export class RollUpTask {
  static async schedule(options: {
    scheduler: SchedulerService;
    store: CostStore;
    logger: LoggerService;
    frequencyMinutes: number;
  }) {
    const task = new RollUpTask(options.store, options.logger);
    await options.scheduler.scheduleTask({
      id: ROLLUP_TASK_ID,
      frequency: { minutes: options.frequencyMinutes },
      timeout: { minutes: 30 },
      fn: () => task.run(),
    });
  }

  constructor(
    private readonly store: CostStore,
    private readonly logger: LoggerService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One pass. Never throws: what a failed pass left is picked up by the next. */
  async run() {
    try {
      const result = await this.store.rollUp(this.now());
      if (result.teams > 0) this.logger.info('cost roll-up done', result);
    } catch (error) {
      this.logger.error('cost roll-up failed; the next pass catches up', {
        error: String(error),
      });
    }
  }
}
