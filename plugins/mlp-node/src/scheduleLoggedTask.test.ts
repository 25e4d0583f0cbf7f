import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { scheduleLoggedTask } from './scheduleLoggedTask';

describe('scheduleLoggedTask', () => {
  it('schedules the task, and a pass that throws is logged, never thrown', async () => {
    let fn: (() => Promise<void>) | undefined;
    const scheduleTask = jest.fn(async (task: { fn: () => Promise<void> }) => {
      fn = task.fn;
    });
    const scheduler = { scheduleTask } as unknown as SchedulerService;
    const error = jest.fn();
    const logger = { error } as unknown as LoggerService;
    const run = jest
      .fn<Promise<void>, []>()
      .mockRejectedValueOnce(new Error('API server down'))
      .mockResolvedValueOnce(undefined);
    await scheduleLoggedTask({
      scheduler,
      logger,
      id: 'a-task',
      frequency: { seconds: 30 },
      timeout: { minutes: 1 },
      failure: 'a pass failed; the next one catches up',
      run,
    });
    expect(scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'a-task',
        frequency: { seconds: 30 },
        timeout: { minutes: 1 },
      }),
    );
    await expect(fn!()).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith(
      'a pass failed; the next one catches up',
      { error: 'Error: API server down' },
    );
    await fn!();
    expect(run).toHaveBeenCalledTimes(2);
    expect(error).toHaveBeenCalledTimes(1);
  });
});
