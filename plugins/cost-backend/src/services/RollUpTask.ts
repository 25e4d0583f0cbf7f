import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { scheduleLoggedTask } from '@internal/plugin-mlp-node';
import type { LedgerStore } from '../store/CostStore';

export const ROLLUP_TASK_ID = 'cost-daily-rollup';

/**
 * Keeps the daily roll-up current on the scheduler: each pass rolls up the days before today
 * that are new or were made stale by a late ledger write, so summaries add up days, not pods.
 * What a failed pass left is picked up by the next.
 */
export async function scheduleRollUp(options: {
  scheduler: SchedulerService;
  store: Pick<LedgerStore, 'rollUp'>;
  logger: LoggerService;
  frequencyMinutes: number;
}) {
  await scheduleLoggedTask({
    scheduler: options.scheduler,
    logger: options.logger,
    id: ROLLUP_TASK_ID,
    frequency: { minutes: options.frequencyMinutes },
    timeout: { minutes: 30 },
    failure: 'cost roll-up failed; the next pass catches up',
    run: async () => {
      const result = await options.store.rollUp(new Date());
      if (result.teams > 0) options.logger.info('cost roll-up done', result);
    },
  });
}
