import type { SignInRecord } from '@internal/plugin-cli-access-common';
import type { Knex } from 'knex';
import type { SignInStore } from './SignInStore';

const TABLE = 'mlp_sign_ins';

type Row = {
  user_entity_ref: string;
  first_at: string;
  last_at: string;
  count: number;
};

/**
 * SignInStore on the auth plugin's database; its table comes with the module's migrations
 * (DatabaseCliSessionStore runs them).
 */
export class DatabaseSignInStore implements SignInStore {
  constructor(private readonly db: Knex) {}

  async record(userEntityRef: string, at: string): Promise<void> {
    const ref = userEntityRef.toLocaleLowerCase('en-US');
    // One statement: a second sign-in at once cannot lose the first one's firstAt.
    const row: Row = {
      user_entity_ref: ref,
      first_at: at,
      last_at: at,
      count: 1,
    };
    await this.db(TABLE)
      .insert(row)
      .onConflict('user_entity_ref')
      .merge({
        last_at: at,
        count: this.db.raw('?? + 1', [`${TABLE}.count`]),
      });
  }

  async list(): Promise<SignInRecord[]> {
    const rows = await this.db<Row>(TABLE).orderBy('first_at');
    return rows.map(row => ({
      userEntityRef: row.user_entity_ref,
      firstAt: row.first_at,
      lastAt: row.last_at,
      count: Number(row.count),
    }));
  }
}
