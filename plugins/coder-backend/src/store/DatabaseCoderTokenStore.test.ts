import { mockServices } from '@backstage/backend-test-utils';
import { testDatabases } from '../__testUtils__/databases';
import { DatabaseCoderTokenStore } from './DatabaseCoderTokenStore';
import { DatabaseWorkspaceUseStore } from './DatabaseWorkspaceUseStore';

const databases = testDatabases();
jest.setTimeout(60_000);

const amira = {
  userRef: 'user:default/amira.haddad',
  coderUserId: '6f1c0a4e-0000-4000-8000-000000000001',
  coderUsername: 'amira',
  tokenSealed: 'c2VhbGVk',
  connectedAt: '2026-11-23T06:00:00.000Z',
};

describe.each(databases.eachSupportedId())(
  'DatabaseCoderTokenStore on %p',
  databaseId => {
    async function storeOn() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseCoderTokenStore.create({
        database: mockServices.database.mock({ getClient: async () => knex }),
      });
      return { knex, store };
    }

    it('migrates up and down and up again', async () => {
      const { knex } = await storeOn();
      expect(await knex.schema.hasTable('coder_user_tokens')).toBe(true);
      expect(await knex.schema.hasTable('coder_workspace_uses')).toBe(true);
      await DatabaseCoderTokenStore.migrateDown(knex);
      expect(await knex.schema.hasTable('coder_user_tokens')).toBe(false);
      expect(await knex.schema.hasTable('coder_workspace_uses')).toBe(false);
      await DatabaseCoderTokenStore.migrateUp(knex);
      expect(await knex.schema.hasTable('coder_user_tokens')).toBe(true);
    });

    it('records workspace uses and answers those since a time, oldest first', async () => {
      const { knex } = await storeOn();
      const uses = new DatabaseWorkspaceUseStore(knex);
      const use = (at: string, action: 'create' | 'start', team?: string) => ({
        workspaceId: '6f1c0a4e-0000-4000-8000-0000000000aa',
        workspaceName: 'bert-dev',
        userEntityRef: amira.userRef,
        ...(team ? { team } : {}),
        gpus: team ? 2 : 0,
        action,
        at,
      });
      await uses.record(use('2026-11-30T23:59:59.000Z', 'create', 'nlp-team'));
      await uses.record(use('2026-12-02T10:00:00Z', 'start'));
      await uses.record(use('2026-12-01T08:00:00.000Z', 'start', 'nlp-team'));
      expect(await uses.since('2026-12-01T00:00:00Z')).toEqual([
        use('2026-12-01T08:00:00.000Z', 'start', 'nlp-team'),
        use('2026-12-02T10:00:00.000Z', 'start'),
      ]);
    });

    it('stores, replaces, marks refused and deletes a token', async () => {
      const { store } = await storeOn();
      expect(await store.get(amira.userRef)).toBeUndefined();
      await store.put(amira);
      expect(await store.get(amira.userRef)).toEqual(amira);

      await store.markRejected(
        amira.userRef,
        '2026-11-24T00:00:00.000Z',
        'API key expired.',
      );
      expect(await store.get(amira.userRef)).toEqual({
        ...amira,
        rejected: {
          at: '2026-11-24T00:00:00.000Z',
          message: 'API key expired.',
        },
      });

      // Connecting again replaces the token and clears the refusal.
      const again = {
        ...amira,
        tokenSealed: 'bmV3',
        connectedAt: '2026-11-24T01:00:00.000Z',
      };
      await store.put(again);
      expect(await store.get(amira.userRef)).toEqual(again);

      await store.put({ ...amira, userRef: 'user:default/bob' });
      expect(await store.delete(amira.userRef)).toBe(true);
      expect(await store.delete(amira.userRef)).toBe(false);
      expect(await store.get(amira.userRef)).toBeUndefined();
      expect(await store.get('user:default/bob')).toMatchObject({
        coderUsername: 'amira',
      });
    });
  },
);
