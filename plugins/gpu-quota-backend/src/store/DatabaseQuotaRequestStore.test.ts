import { mockServices } from '@backstage/backend-test-utils';
import { testDatabases } from '../__testUtils__/databases';
import { DatabaseQuotaRequestStore } from './DatabaseQuotaRequestStore';

const databases = testDatabases();
jest.setTimeout(60_000);

const newRequest = {
  team: 'nlp-team',
  namespace: 'nlp-team',
  resource: 'nvidia.com/gpu',
  currentAmount: 8,
  requestedAmount: 10,
  justification: 'Fine-tune the support model on the new tickets',
  durationDays: 7,
  requestedBy: 'user:default/amira.haddad',
};
const requested = {
  action: 'requested' as const,
  actor: 'user:default/amira.haddad',
  details: { resource: 'nvidia.com/gpu', from: 8, to: 10 },
};

describe.each(databases.eachSupportedId())(
  'DatabaseQuotaRequestStore on %p',
  databaseId => {
    async function storeOn() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseQuotaRequestStore.create({
        database: mockServices.database.mock({ getClient: async () => knex }),
      });
      return { knex, store };
    }

    it('migrates up and down and up again', async () => {
      const { knex } = await storeOn();
      expect(await knex.schema.hasTable('gpu_quota_requests')).toBe(true);
      expect(await knex.schema.hasTable('gpu_quota_events')).toBe(true);
      await DatabaseQuotaRequestStore.migrateDown(knex);
      expect(await knex.schema.hasTable('gpu_quota_requests')).toBe(false);
      expect(await knex.schema.hasTable('gpu_quota_events')).toBe(false);
      await DatabaseQuotaRequestStore.migrateUp(knex);
      expect(await knex.schema.hasTable('gpu_quota_requests')).toBe(true);
    });

    it('stores a request with its audit line, and lists and filters them', async () => {
      const { store } = await storeOn();
      const created = await store.create(newRequest, requested);
      expect(created).toMatchObject({ ...newRequest, status: 'pending' });
      expect(await store.get(created.id)).toEqual(created);
      await store.create({ ...newRequest, team: 'vision-team' }, requested);
      expect((await store.list({ team: 'nlp-team' })).map(r => r.id)).toEqual([
        created.id,
      ]);
      expect(await store.list({ status: 'approved' })).toEqual([]);
      const events = await store.events({ requestId: created.id });
      expect(events).toEqual([
        expect.objectContaining({
          requestId: created.id,
          team: 'nlp-team',
          action: 'requested',
          details: { resource: 'nvidia.com/gpu', from: 8, to: 10 },
        }),
      ]);
    });

    it('lets exactly one of many concurrent callers take a request lock', async () => {
      const { store } = await storeOn();
      const { id } = await store.create(newRequest, requested);
      const tokens = await Promise.all(
        Array.from({ length: 8 }, () => store.lock(id, 'pending')),
      );
      expect(tokens.filter(Boolean)).toHaveLength(1);
      // Wrong status: no lock, whoever holds it.
      expect(await store.lock(id, 'approved')).toBeUndefined();
    });

    it('writes a change only under its lock, and releases the lock with it', async () => {
      const { store } = await storeOn();
      const { id } = await store.create(newRequest, requested);
      const token = (await store.lock(id, 'pending'))!;
      const approve = {
        fields: {
          status: 'approved' as const,
          previousAmount: 8,
          decidedBy: 'user:default/morgan.lee',
        },
        event: {
          action: 'approved' as const,
          actor: 'user:default/morgan.lee',
          details: { from: 8, to: 10 },
        },
      };
      expect(
        await store.change(id, approve, { token: 'not-the-token' }),
      ).toBeUndefined();
      // A change guarded by status waits for the lock too.
      expect(
        await store.change(id, approve, { from: 'pending' }),
      ).toBeUndefined();
      const approved = await store.change(id, approve, { token });
      expect(approved).toMatchObject({ status: 'approved', previousAmount: 8 });
      expect(await store.lock(id, 'approved')).toBeDefined();
      expect(
        (await store.events({ requestId: id })).map(e => e.action),
      ).toEqual(['requested', 'approved']);
    });

    it('releases a lock without a change, and finds due expiries', async () => {
      const { store } = await storeOn();
      const { id } = await store.create(newRequest, requested);
      const token = (await store.lock(id, 'pending'))!;
      await store.unlock(id, token);
      const again = (await store.lock(id, 'pending'))!;
      await store.change(
        id,
        {
          fields: { status: 'approved', expiresAt: '2026-11-30T00:00:00.000Z' },
          event: {
            action: 'approved',
            actor: 'user:default/morgan.lee',
            details: {},
          },
        },
        { token: again },
      );
      expect(
        await store.listDueExpiries(new Date('2026-11-29T23:59:59Z')),
      ).toEqual([]);
      expect(
        (await store.listDueExpiries(new Date('2026-11-30T00:00:00Z'))).map(
          r => r.id,
        ),
      ).toEqual([id]);
    });
  },
);
