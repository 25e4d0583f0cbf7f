import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { CliSessionStore, StoredCliSession } from './CliSessionStore';

/** The auth backend's table (its migration 20251020000000_offline_sessions). */
const SESSIONS = 'offline_sessions';
const HOSTS = 'mlp_cli_session_hosts';
/** Our own migrations' bookkeeping, apart from the auth backend's knex_migrations. */
const MIGRATIONS = { tableName: 'mlp_cli_knex_migrations' };
const migrationsDir = resolvePackagePath(
  '@internal/plugin-auth-backend-module-mlp-cli',
  'migrations',
);

type Row = {
  id: string;
  user_entity_ref: string;
  oidc_client_id: string | null;
  created_at: string | number | Date;
  last_used_at: string | number | Date;
  host: string | null;
};

/**
 * PostgreSQL answers timestamps as Date; SQLite as the text CURRENT_TIMESTAMP wrote
 * ('YYYY-MM-DD HH:MM:SS', UTC), or as milliseconds when a Date was inserted.
 */
function toDate(value: string | number | Date): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  return new Date(
    /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`,
  );
}

/** CliSessionStore on the auth plugin's database (SQLite or PostgreSQL). */
export class DatabaseCliSessionStore implements CliSessionStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseCliSessionStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await DatabaseCliSessionStore.migrateUp(knex);
    }
    return new DatabaseCliSessionStore(knex);
  }

  static async migrateUp(knex: Knex) {
    await knex.migrate.latest({ directory: migrationsDir, ...MIGRATIONS });
  }

  static async migrateDown(knex: Knex) {
    await knex.migrate.rollback(
      { directory: migrationsDir, ...MIGRATIONS },
      true,
    );
  }

  private constructor(private readonly db: Knex) {}

  private query() {
    return this.db<Row>(`${SESSIONS} as s`)
      .leftJoin(`${HOSTS} as h`, 'h.session_id', 's.id')
      .select(
        's.id',
        's.user_entity_ref',
        's.oidc_client_id',
        's.created_at',
        's.last_used_at',
        'h.host',
      );
  }

  async list(userEntityRef?: string): Promise<StoredCliSession[]> {
    const query = this.query().orderBy('s.created_at', 'desc').orderBy('s.id');
    if (userEntityRef) {
      query.where('s.user_entity_ref', userEntityRef);
    }
    return (await query).map(fromRow);
  }

  async get(id: string): Promise<StoredCliSession | undefined> {
    const row = await this.query().where('s.id', id).first();
    return row ? fromRow(row) : undefined;
  }

  async revoke(id: string): Promise<boolean> {
    return this.db.transaction(async trx => {
      await trx(HOSTS).where({ session_id: id }).delete();
      return (await trx(SESSIONS).where({ id }).delete()) > 0;
    });
  }

  async setHost(id: string, host: string): Promise<void> {
    await this.db(HOSTS)
      .insert({ session_id: id, host, reported_at: new Date().toISOString() })
      .onConflict('session_id')
      .merge();
  }
}

function fromRow(row: Row): StoredCliSession {
  return {
    id: row.id,
    userEntityRef: row.user_entity_ref,
    ...(row.oidc_client_id ? { oidcClientId: row.oidc_client_id } : {}),
    ...(row.host ? { host: row.host } : {}),
    createdAt: toDate(row.created_at),
    lastUsedAt: toDate(row.last_used_at),
  };
}
