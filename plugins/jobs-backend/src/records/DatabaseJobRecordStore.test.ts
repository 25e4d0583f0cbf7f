import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { JobRecord } from '@internal/plugin-jobs-common';
import { localPostgresUrl } from '@internal/plugin-mlp-kube-node/testUtils';
import { DatabaseJobRecordStore } from './DatabaseJobRecordStore';

jest.setTimeout(60_000);

// TestDatabases takes the local PostgreSQL server (scripts/services.sh) instead of Docker.
process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING =
  localPostgresUrl();
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const record = (id: string, r: Partial<JobRecord> = {}): JobRecord => ({
  id,
  team: 'nlp-team',
  submittedBy: 'user:default/ann',
  gpus: 2,
  gpuResource: 'nvidia.com/gpu',
  createdAt: '2026-12-07T10:00:00Z',
  phase: 'Pending',
  runtimeSeconds: 0,
  cost: 0,
  currency: 'EUR',
  updatedAt: '2026-12-07T10:00:01Z',
  ...r,
});

describe.each(databases.eachSupportedId())(
  'DatabaseJobRecordStore on %p',
  databaseId => {
    async function storeOn() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseJobRecordStore.create({
        database: mockServices.database.mock({ getClient: async () => knex }),
      });
      return { knex, store };
    }

    it('migrates up and down', async () => {
      const { knex } = await storeOn();
      expect(await knex.schema.hasTable('job_records')).toBe(true);
      await DatabaseJobRecordStore.migrateDown(knex);
      expect(await knex.schema.hasTable('job_records')).toBe(false);
      await DatabaseJobRecordStore.migrateUp(knex);
      expect(await knex.schema.hasTable('job_records')).toBe(true);
    });

    it('updates a record until it ends, then keeps it', async () => {
      const { store } = await storeOn();
      await store.save([record('j1'), record('j2')]);
      await store.save([
        record('j1', {
          phase: 'Running',
          startedAt: '2026-12-07T10:00:30Z',
          runtimeSeconds: 30,
        }),
      ]);
      await store.save([
        record('j1', {
          phase: 'Cancelled',
          startedAt: '2026-12-07T10:00:30Z',
          finishedAt: '2026-12-07T10:01:00Z',
          runtimeSeconds: 30,
        }),
      ]);
      // A pass that read the cluster before the cancel comes late: the ended record stays.
      await store.save([
        record('j1', {
          phase: 'Running',
          startedAt: '2026-12-07T10:00:30Z',
          runtimeSeconds: 31,
        }),
      ]);
      expect(await store.since('2026-12-07T10:00:00.000Z')).toEqual([
        record('j1', {
          phase: 'Cancelled',
          createdAt: '2026-12-07T10:00:00.000Z',
          startedAt: '2026-12-07T10:00:30.000Z',
          finishedAt: '2026-12-07T10:01:00.000Z',
          runtimeSeconds: 30,
          updatedAt: '2026-12-07T10:00:01.000Z',
        }),
        record('j2', {
          createdAt: '2026-12-07T10:00:00.000Z',
          updatedAt: '2026-12-07T10:00:01.000Z',
        }),
      ]);
      expect((await store.open()).map(r => r.id)).toEqual(['j2']);
    });

    it('answers the records submitted since a time, in one spelling of times', async () => {
      const { store } = await storeOn();
      await store.save([
        record('early', { createdAt: '2026-12-06T23:59:59Z' }),
        record('on-time', { createdAt: '2026-12-07T00:00:00Z' }),
        record('later', { createdAt: '2026-12-07T00:00:00.500Z' }),
      ]);
      expect(
        (await store.since('2026-12-07T00:00:00Z')).map(r => r.id),
      ).toEqual(['on-time', 'later']);
    });
  },
);
