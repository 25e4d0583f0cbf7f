import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { scheduleLoggedTask } from '@internal/plugin-mlp-node';
import type { QuotaExpiry } from './QuotaExpiry';

export const EXPIRY_TASK_ID = 'gpu-quota-expiry';

/** Runs the expiry of approved increases on the scheduler, one instance across backends. */
export async function scheduleQuotaExpiry(options: {
  scheduler: SchedulerService;
  expiry: QuotaExpiry;
  logger: LoggerService;
  frequencySeconds: number;
}): Promise<void> {
  await scheduleLoggedTask({
    scheduler: options.scheduler,
    logger: options.logger,
    id: EXPIRY_TASK_ID,
    frequency: { seconds: options.frequencySeconds },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 10 },
    failure: 'GPU quota expiry pass failed',
    run: async () => {
      const run = await options.expiry.expireDue();
      if (run.expired || run.deferred || run.failed) {
        options.logger.info('GPU quota expiry pass', run);
      }
    },
  });
}
