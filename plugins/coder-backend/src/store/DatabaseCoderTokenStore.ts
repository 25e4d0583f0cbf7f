import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { CoderTokenStore, StoredCoderToken } from './CoderTokenStore';

const TABLE = 'coder_user_tokens';
const migrationsDir = resolvePackagePath(
  '@internal/plugin-coder-backend',
  'migrations',
);

type Row = {
  user_ref: string;
  coder_user_id: string;
  coder_username: string;
  token_sealed: string;
  connected_at: string;
  rejected_at: string | null;
  rejected_message: string | null;
};

/** CoderTokenStore on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseCoderTokenStore implements CoderTokenStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseCoderTokenStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await DatabaseCoderTokenStore.migrateUp(knex);
    }
    return new DatabaseCoderTokenStore(knex);
  }

  static async migrateUp(knex: Knex) {
    await knex.migrate.latest({ directory: migrationsDir });
  }

  static async migrateDown(knex: Knex) {
    await knex.migrate.rollback({ directory: migrationsDir }, true);
  }

  private constructor(private readonly db: Knex) {}

  async get(userRef: string): Promise<StoredCoderToken | undefined> {
    const row = await this.db<Row>(TABLE).where({ user_ref: userRef }).first();
    if (!row) return undefined;
    return {
      userRef: row.user_ref,
      coderUserId: row.coder_user_id,
      coderUsername: row.coder_username,
      tokenSealed: row.token_sealed,
      connectedAt: row.connected_at,
      ...(row.rejected_at
        ? {
            rejected: {
              at: row.rejected_at,
              message: row.rejected_message ?? '',
            },
          }
        : {}),
    };
  }

  async put(token: Omit<StoredCoderToken, 'rejected'>): Promise<void> {
    await this.db<Row>(TABLE)
      .insert({
        user_ref: token.userRef,
        coder_user_id: token.coderUserId,
        coder_username: token.coderUsername,
        token_sealed: token.tokenSealed,
        connected_at: token.connectedAt,
        rejected_at: null,
        rejected_message: null,
      })
      .onConflict('user_ref')
      .merge();
  }

  async markRejected(
    userRef: string,
    at: string,
    message: string,
  ): Promise<void> {
    await this.db<Row>(TABLE)
      .where({ user_ref: userRef })
      .update({ rejected_at: at, rejected_message: message });
  }

  async delete(userRef: string): Promise<boolean> {
    return (await this.db<Row>(TABLE).where({ user_ref: userRef }).del()) > 0;
  }
}
