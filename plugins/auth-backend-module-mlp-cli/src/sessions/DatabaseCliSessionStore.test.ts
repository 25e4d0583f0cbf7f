import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { localPostgresUrl } from '@internal/plugin-mlp-kube-node/testUtils';
import { DatabaseServiceTokenStore } from '../serviceTokens/DatabaseServiceTokenStore';
import { DatabaseSignInStore } from '../signIns/DatabaseSignInStore';
import { DatabaseCliSessionStore } from './DatabaseCliSessionStore';

jest.setTimeout(60_000);

// TestDatabases takes the local PostgreSQL server (scripts/services.sh) instead of Docker.
process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING =
  localPostgresUrl();
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** The auth backend's own tables first, as in the auth plugin's database. */
const authMigrations = resolvePackagePath(
  '@backstage/plugin-auth-backend',
  'migrations',
);

describe.each(databases.eachSupportedId())(
  'DatabaseCliSessionStore on %p',
  databaseId => {
    async function storeOn() {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: authMigrations });
      const store = await DatabaseCliSessionStore.create({
        database: mockServices.database.mock({ getClient: async () => knex }),
      });
      const session = (id: string, user: string, createdAt: string) =>
        knex('offline_sessions').insert({
          id,
          user_entity_ref: user,
          oidc_client_id: 'http://portal/api/auth/mlp-cli/client.json',
          token_hash: 'salt.hash',
          created_at: new Date(createdAt),
          last_used_at: new Date(createdAt),
        });
      return { knex, store, session };
    }

    it('migrates up and down and up again, beside the auth backend’s own migrations', async () => {
      const { knex } = await storeOn();
      expect(await knex.schema.hasTable('mlp_cli_session_hosts')).toBe(true);
      await DatabaseCliSessionStore.migrateDown(knex);
      expect(await knex.schema.hasTable('mlp_cli_session_hosts')).toBe(false);
      expect(await knex.schema.hasTable('mlp_service_tokens')).toBe(false);
      expect(await knex.schema.hasTable('mlp_sign_ins')).toBe(false);
      expect(await knex.schema.hasTable('offline_sessions')).toBe(true);
      await DatabaseCliSessionStore.migrateUp(knex);
      expect(await knex.schema.hasTable('mlp_cli_session_hosts')).toBe(true);
    });

    it("lists a user's sessions newest first with their hosts, and revokes one", async () => {
      const { store, session } = await storeOn();
      await session('s1', 'user:default/amira.haddad', '2026-12-01T08:00:00Z');
      await session('s2', 'user:default/amira.haddad', '2026-12-02T08:00:00Z');
      await session('s3', 'user:default/jonas.berg', '2026-12-03T08:00:00Z');
      await store.setHost('s1', 'amira-laptop');
      await store.setHost('s1', 'amira-desktop');

      const mine = await store.list('user:default/amira.haddad');
      expect(mine.map(s => [s.id, s.host])).toEqual([
        ['s2', undefined],
        ['s1', 'amira-desktop'],
      ]);
      expect(mine[1].createdAt.toISOString()).toBe('2026-12-01T08:00:00.000Z');
      expect((await store.list()).map(s => s.id)).toEqual(['s3', 's2', 's1']);

      expect(await store.revoke('s1')).toBe(true);
      expect(await store.revoke('s1')).toBe(false);
      expect(await store.get('s1')).toBeUndefined();
      expect((await store.get('s2'))?.userEntityRef).toBe(
        'user:default/amira.haddad',
      );
    });

    it('stores, lists, marks used and deletes service tokens', async () => {
      const { knex } = await storeOn();
      const store = new DatabaseServiceTokenStore(knex);
      const token = (id: string, createdAt: string) => ({
        id,
        userEntityRef: 'user:default/nlp-ci',
        name: `token ${id}`,
        secretSha256: 'ab'.repeat(32),
        createdBy: 'user:default/morgan.lee',
        createdAt,
        expiresAt: '2027-01-01T00:00:00.000Z',
      });
      await store.add(token('t1', '2026-12-01T00:00:00.000Z'));
      await store.add(token('t2', '2026-12-02T00:00:00.000Z'));
      await store.markUsed('t1', '2026-12-03T00:00:00.000Z');
      expect((await store.list()).map(t => t.id)).toEqual(['t2', 't1']);
      expect(await store.get('t1')).toEqual({
        ...token('t1', '2026-12-01T00:00:00.000Z'),
        lastUsedAt: '2026-12-03T00:00:00.000Z',
      });
      expect(await store.delete('t1')).toBe(true);
      expect(await store.delete('t1')).toBe(false);
      expect(await store.get('t1')).toBeUndefined();
    });

    it('keeps each user’s first sign-in and counts the rest, also when they come at once', async () => {
      const { knex } = await storeOn();
      const store = new DatabaseSignInStore(knex);
      await store.record('user:default/Ada', '2026-12-07T10:00:00.000Z');
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.record(
            'user:default/ada',
            `2026-12-07T11:00:${String(i).padStart(2, '0')}.000Z`,
          ),
        ),
      );
      await store.record('user:default/bo', '2026-12-07T12:00:00.000Z');
      const [ada, bo] = await store.list();
      expect(ada).toEqual({
        userEntityRef: 'user:default/ada',
        firstAt: '2026-12-07T10:00:00.000Z',
        lastAt: expect.stringMatching(/^2026-12-07T11:00:0\d\.000Z$/),
        count: 11,
      });
      expect(bo).toMatchObject({ userEntityRef: 'user:default/bo', count: 1 });
    });
  },
);
