import { mockServices } from '@backstage/backend-test-utils';
import type { KubeHttp } from '@internal/plugin-mlp-kube-node';
import type { GpuUtilizationReader } from '@internal/plugin-utilization-node';
import type { IdleStore } from '../store/IdleStore';
import { IdleReclaimer } from './IdleReclaimer';
import type { JobStopper } from './JobStopper';

const policy = (team: string) => ({
  team,
  idleBelowPercent: 10,
  windowMinutes: 60,
  graceMinutes: 30,
  snoozeMinutes: 60,
  maxSnoozes: 1,
  updatedBy: 'user:default/morgan.lee',
  updatedAt: '2026-12-08T09:00:00.000Z',
});

describe('IdleReclaimer', () => {
  it("goes on with the other teams when one team's pass fails, and logs it", async () => {
    const paths: string[] = [];
    const kube = {
      request: jest.fn(async ({ path }: { path: string }) => {
        paths.push(path);
        if (path.includes('/namespaces/broken-team/')) {
          throw new Error('the API server refused');
        }
        return { items: [] };
      }),
    } as unknown as KubeHttp;
    const store = {
      policies: async () => [policy('broken-team'), policy('nlp-team')],
      openNotices: async () => [],
    } as unknown as IdleStore;
    const logger = mockServices.logger.mock();
    const reclaimer = new IdleReclaimer({
      kube,
      store,
      reader: {} as GpuUtilizationReader,
      stopper: {} as JobStopper,
      notifications: { send: jest.fn() },
      logger,
    });
    expect(await reclaimer.pass()).toEqual({
      notified: [],
      stopped: [],
      resolved: [],
      unmeasured: [],
      failed: ['broken-team'],
    });
    expect(paths).toEqual([
      expect.stringContaining('/namespaces/broken-team/pods'),
      expect.stringContaining('/namespaces/nlp-team/pods'),
    ]);
    expect(logger.error).toHaveBeenCalledWith(
      'idle reclaim of team broken-team failed; the next pass tries again',
      { error: 'Error: the API server refused' },
    );
  });
});
