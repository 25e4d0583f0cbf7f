import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { as, costServiceOn, TestClock } from '../__testUtils__/costService';
import { BudgetAlerts } from './BudgetAlerts';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

it('tells the team and the keepers once per threshold, and again after a failed send', async () => {
  const clock = new TestClock(new Date('2026-11-10T12:00:00Z'));
  const knex = await databases.init('SQLITE_3');
  const { store, service, checks } = await costServiceOn(knex, clock);
  const sent: NotificationSendOptions[] = [];
  let failNext = false;
  const alerts = new BudgetAlerts({
    store,
    notifications: {
      send: async (n: NotificationSendOptions) => {
        if (failNext) {
          failNext = false;
          throw new Error('notifications backend down');
        }
        sent.push(n);
      },
    },
    logger: mockServices.logger.mock(),
    keeperGroups: ['group:default/platform-team'],
    currency: 'EUR',
    now: clock.now,
  });
  await service.setBudget(as.keeper, 'nlp-team', {
    month: '2026-11',
    amount: 100,
  });
  expect(await alerts.run()).toEqual([]);

  // 2 GPUs × 11 h × 2.50 = 55 EUR reserved: over 50 %.
  await checks.check(as.scaffolder, { team: 'nlp-team', gpus: 2, hours: 11 });
  expect(await alerts.run()).toEqual([{ team: 'nlp-team', threshold: 50 }]);
  expect(sent[0]).toMatchObject({
    recipients: {
      type: 'entity',
      entityRef: ['group:default/nlp-team', 'group:default/platform-team'],
    },
    payload: { title: 'nlp-team has used 50 % of its GPU budget for 2026-11' },
  });
  expect(await alerts.run()).toEqual([]);

  // Another 45 EUR: 100 %, and 80 % on the way. The first send fails and is retried.
  await checks.check(as.scaffolder, { team: 'nlp-team', gpus: 1, hours: 18 });
  failNext = true;
  expect(await alerts.run()).toEqual([{ team: 'nlp-team', threshold: 100 }]);
  expect(await alerts.run()).toEqual([{ team: 'nlp-team', threshold: 80 }]);
  expect(sent.at(-2)!.payload.severity).toBe('high');
  expect(await alerts.run()).toEqual([]);
});
