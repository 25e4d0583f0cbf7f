import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { GpuQuotaService } from './GpuQuotaService';

export const EXPIRY_TASK_ID = 'gpu-quota-expiry';

/** Runs the expiry of approved increases on the scheduler, one instance across backends. */
export class QuotaExpiryTask {
  static async schedule(options: {
    scheduler: SchedulerService;
    service: GpuQuotaService;
    logger: LoggerService;
    frequencySeconds: number;
  }): Promise<void> {
    const task = new QuotaExpiryTask(options.service, options.logger);
    await options.scheduler.scheduleTask({
      id: EXPIRY_TASK_ID,
      frequency: { seconds: options.frequencySeconds },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 10 },
      fn: () => task.run(),
    });
  }

  private constructor(
    private readonly service: GpuQuotaService,
    private readonly logger: LoggerService,
  ) {}

  /** One pass. Never throws: a failed pass is logged and the schedule goes on. */
  async run(): Promise<void> {
    try {
      const run = await this.service.expireDue();
      if (run.expired || run.deferred || run.failed) {
        this.logger.info('GPU quota expiry pass', run);
      }
    } catch (error) {
      this.logger.error('GPU quota expiry pass failed', {
        error: String(error),
      });
    }
  }
}
