import type {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
  SchedulerService,
} from '@backstage/backend-plugin-api';

/**
 * Schedules a task whose passes never die: a pass that throws is logged as `failure` with the
 * error, and the schedule goes on (the next pass catches up). The one way our backends schedule
 * work.
 */
export async function scheduleLoggedTask(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  id: string;
  frequency: SchedulerServiceTaskScheduleDefinition['frequency'];
  timeout: SchedulerServiceTaskScheduleDefinition['timeout'];
  initialDelay?: SchedulerServiceTaskScheduleDefinition['initialDelay'];
  /** What the log says when a pass fails, e.g. "cost roll-up failed; the next pass catches up". */
  failure: string;
  /** One pass; what it answers is not used. */
  run: () => Promise<unknown>;
}): Promise<void> {
  const { scheduler, logger, failure, run, ...schedule } = options;
  await scheduler.scheduleTask({
    ...schedule,
    fn: async () => {
      try {
        await run();
      } catch (error) {
        logger.error(failure, { error: String(error) });
      }
    },
  });
}
