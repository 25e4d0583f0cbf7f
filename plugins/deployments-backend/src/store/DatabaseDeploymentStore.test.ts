import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Deployment } from '@internal/plugin-deployments-common';
import { localPostgresUrl } from '@internal/plugin-mlp-kube-node/testUtils';
import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';

jest.setTimeout(60_000);

// TestDatabases takes the local PostgreSQL server (scripts/services.sh) instead of Docker.
process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING =
  localPostgresUrl();
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const ANN = 'user:default/ann';
const deployment = (id: string, d: Partial<Deployment> = {}): Deployment => ({
  id,
  model: 'churn-predictor',
  environment: 'staging',
  team: 'tabular-team',
  version: '1',
  replicas: 2,
  gpus: 1,
  status: 'live',
  requestedBy: ANN,
  requestedAt: '2026-12-07T10:00:00Z',
  namespace: 'tabular-team',
  inferenceService: 'churn-predictor-staging',
  modelUri: 's3://ml/1',
  ...d,
});
const id = (n: number) =>
  `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe.each(databases.eachSupportedId())(
  'DatabaseDeploymentStore on %p',
  databaseId => {
    async function storeOn() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseDeploymentStore.create({
        database: mockServices.database.mock({ getClient: async () => knex }),
      });
      return { knex, store };
    }

    it('migrates up and down', async () => {
      const { knex } = await storeOn();
      expect(await knex.schema.hasTable('deployments')).toBe(true);
      expect(await knex.schema.hasTable('deployment_events')).toBe(true);
      await DatabaseDeploymentStore.migrateDown(knex);
      expect(await knex.schema.hasTable('deployments')).toBe(false);
      expect(await knex.schema.hasTable('deployment_events')).toBe(false);
    });

    it('keeps deployments with their optional facts, newest first, and the audit trail in order', async () => {
      const { store } = await storeOn();
      const first = deployment(id(1), {
        runId: 'r1',
        jobId: 'job-1',
        dataset: 'd@1',
        alias: 'champion',
      });
      await store.insert(first, [
        { action: 'requested', actor: ANN, at: '2026-12-07T10:00:00Z' },
        {
          action: 'deployed',
          actor: ANN,
          at: '2026-12-07T10:00:00Z',
          detail: 'v1',
        },
      ]);
      const second = deployment(id(2), {
        version: '2',
        requestedAt: '2026-12-07T11:00:00Z',
      });
      await store.insert(
        second,
        [{ action: 'deployed', actor: ANN, at: '2026-12-07T11:00:00Z' }],
        [
          {
            id: id(1),
            from: 'live',
            to: 'superseded',
            event: {
              action: 'superseded',
              actor: ANN,
              at: '2026-12-07T11:00:00Z',
            },
          },
        ],
      );
      const listed = await store.ofModel('churn-predictor');
      expect(listed.map(d => [d.version, d.status])).toEqual([
        ['2', 'live'],
        ['1', 'superseded'],
      ]);
      expect(listed[1]).toEqual({
        ...first,
        status: 'superseded',
        requestedAt: '2026-12-07T10:00:00.000Z',
      });
      expect(await store.ofModel('churn-predictor', 'production')).toEqual([]);
      const events = await store.events('churn-predictor');
      expect(events.map(e => [e.deploymentId, e.version, e.action])).toEqual([
        [id(1), '1', 'requested'],
        [id(1), '1', 'deployed'],
        [id(2), '2', 'deployed'],
        [id(1), '1', 'superseded'],
      ]);
      expect(events[1].detail).toBe('v1');
    });

    it('changes nothing when a transition no longer holds: someone acted first', async () => {
      const { store } = await storeOn();
      await store.insert(
        deployment(id(3), {
          status: 'pending-approval',
          environment: 'production',
        }),
        [{ action: 'requested', actor: ANN, at: '2026-12-07T10:00:00Z' }],
      );
      const approve = {
        id: id(3),
        from: 'pending-approval' as const,
        to: 'live' as const,
        changes: {
          decidedBy: 'user:default/lead',
          decidedAt: '2026-12-07T10:05:00Z',
        },
        event: {
          action: 'approved' as const,
          actor: 'user:default/lead',
          at: '2026-12-07T10:05:00Z',
        },
      };
      const results = await Promise.allSettled([
        store.transition([approve]),
        store.transition([approve]),
      ]);
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find(r => r.status === 'rejected')).toMatchObject({
        reason: { name: 'ConflictError' },
      });
      // a failed pair leaves the first part undone too
      await expect(
        store.insert(
          deployment(id(4)),
          [{ action: 'deployed', actor: ANN, at: '2026-12-07T10:06:00Z' }],
          [{ ...approve }],
        ),
      ).rejects.toThrow(/is live now, not pending-approval/);
      expect(await store.get(id(4))).toBeUndefined();
      expect((await store.get(id(3)))?.decidedBy).toBe('user:default/lead');
      expect(
        (await store.events('churn-predictor')).map(e => e.action),
      ).toEqual(['requested', 'approved']);
    });
  },
);
