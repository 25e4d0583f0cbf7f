import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { IdleNotice } from '@internal/plugin-utilization-common';
import { localPostgresUrl } from '@internal/plugin-mlp-kube-node/testUtils';
import { DatabaseIdleStore } from './DatabaseIdleStore';

jest.setTimeout(60_000);

// TestDatabases takes the local PostgreSQL server (scripts/services.sh) instead of Docker.
process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING =
  localPostgresUrl();
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const notice = (over: Partial<IdleNotice> = {}): IdleNotice => ({
  id: '6f1f6a54-3f5e-4f8e-9a36-0d7c2c4bb1a1',
  team: 'nlp-team',
  kind: 'job',
  workload: 'forgotten-x7k2p',
  owner: 'user:default/amira.haddad',
  state: 'notified',
  averagePercent: 3.5,
  gpus: 2,
  notifiedAt: '2026-12-08T10:00:00.000Z',
  stopAt: '2026-12-08T10:30:00.000Z',
  snoozes: 0,
  ...over,
});
const event = (action: 'notified' | 'snoozed', actor = 'idle-reclaim') => ({
  noticeId: notice().id,
  team: 'nlp-team',
  workload: 'forgotten-x7k2p',
  action,
  actor,
  at: '2026-12-08T10:00:00.000Z',
  detail: `${action} by ${actor}`,
});

describe.each(databases.eachSupportedId())('DatabaseIdleStore on %p', id => {
  async function storeOn() {
    const knex = await databases.init(id);
    const store = await DatabaseIdleStore.create({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    return { knex, store };
  }

  it('keeps policies, notices and their trail; one of two writers of a notice wins', async () => {
    const { store } = await storeOn();
    const policy = {
      team: 'nlp-team',
      idleBelowPercent: 7.5,
      windowMinutes: 0.5,
      graceMinutes: 30,
      snoozeMinutes: 60,
      maxSnoozes: 2,
      updatedBy: 'user:default/morgan.lee',
      updatedAt: '2026-12-08T09:00:00.000Z',
    };
    await store.setPolicy(policy);
    await store.setPolicy({ ...policy, graceMinutes: 15 });
    expect(await store.policies()).toEqual([{ ...policy, graceMinutes: 15 }]);

    expect(await store.saveNotice(notice(), event('notified'))).toBe(true);
    expect(await store.openNotices('nlp-team')).toEqual([notice()]);
    const kept = notice({
      state: 'snoozed',
      snoozes: 1,
      snoozedUntil: '2026-12-08T11:00:00.000Z',
    });
    // Two changes of the same notified notice: the second finds it snoozed and writes nothing.
    expect(
      await store.saveNotice(
        kept,
        event('snoozed', 'user:default/a'),
        'notified',
      ),
    ).toBe(true);
    expect(
      await store.saveNotice(
        kept,
        event('snoozed', 'user:default/b'),
        'notified',
      ),
    ).toBe(false);
    expect(await store.notice(notice().id)).toEqual(kept);
    expect(
      (await store.events('nlp-team', 10)).map(e => [e.action, e.actor]),
    ).toEqual([
      ['snoozed', 'user:default/a'],
      ['notified', 'idle-reclaim'],
    ]);
    // Closed notices are listed for a while, then not.
    await store.saveNotice(
      notice({ state: 'stopped', closedAt: '2026-12-08T10:31:00.000Z' }),
      event('notified'),
      'snoozed',
    );
    expect(await store.openNotices('nlp-team')).toEqual([]);
    expect(
      await store.notices(['nlp-team'], '2026-12-08T00:00:00.000Z'),
    ).toHaveLength(1);
    expect(
      await store.notices(['nlp-team'], '2026-12-09T00:00:00.000Z'),
    ).toEqual([]);
    expect(await store.deletePolicy('nlp-team')).toBe(true);
    expect(await store.deletePolicy('nlp-team')).toBe(false);
  });

  it('migrates down and up again', async () => {
    const { knex } = await storeOn();
    await DatabaseIdleStore.migrateDown(knex);
    expect(await knex.schema.hasTable('idle_notices')).toBe(false);
    await DatabaseIdleStore.migrateUp(knex);
    expect(await knex.schema.hasTable('idle_events')).toBe(true);
  });
});
