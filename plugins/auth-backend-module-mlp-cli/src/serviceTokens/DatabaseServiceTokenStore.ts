import type { Knex } from 'knex';
import type {
  ServiceTokenStore,
  StoredServiceToken,
} from './ServiceTokenStore';

const TABLE = 'mlp_service_tokens';

type Row = {
  id: string;
  user_entity_ref: string;
  name: string;
  secret_sha256: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
};

/**
 * ServiceTokenStore on the auth plugin's database; its table comes with the module's
 * migrations (DatabaseCliSessionStore runs them).
 */
export class DatabaseServiceTokenStore implements ServiceTokenStore {
  constructor(private readonly db: Knex) {}

  async add(t: StoredServiceToken): Promise<void> {
    await this.db<Row>(TABLE).insert({
      id: t.id,
      user_entity_ref: t.userEntityRef,
      name: t.name,
      secret_sha256: t.secretSha256,
      created_by: t.createdBy,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
      last_used_at: t.lastUsedAt ?? null,
    });
  }

  async get(id: string): Promise<StoredServiceToken | undefined> {
    const row = await this.db<Row>(TABLE).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async list(): Promise<StoredServiceToken[]> {
    const rows = await this.db<Row>(TABLE)
      .orderBy('created_at', 'desc')
      .orderBy('id');
    return rows.map(fromRow);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.db<Row>(TABLE).where({ id }).delete()) > 0;
  }

  async markUsed(id: string, at: string): Promise<void> {
    await this.db<Row>(TABLE).where({ id }).update({ last_used_at: at });
  }
}

function fromRow(row: Row): StoredServiceToken {
  return {
    id: row.id,
    userEntityRef: row.user_entity_ref,
    name: row.name,
    secretSha256: row.secret_sha256,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.last_used_at ? { lastUsedAt: row.last_used_at } : {}),
  };
}
