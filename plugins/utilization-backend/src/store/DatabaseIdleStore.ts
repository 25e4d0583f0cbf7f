import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  IdleEvent,
  IdleNotice,
  IdlePolicy,
} from '@internal/plugin-utilization-common';
import type { Knex } from 'knex';
import type { IdleStore } from './IdleStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-utilization-backend',
  'migrations',
);

type PolicyRow = {
  team: string;
  idle_below_percent: number;
  window_minutes: number;
  grace_minutes: number;
  snooze_minutes: number;
  max_snoozes: number;
  updated_by: string;
  updated_at: string;
};

type NoticeRow = {
  id: string;
  team: string;
  kind: string;
  workload: string;
  owner: string;
  state: string;
  average_percent: number;
  gpus: number;
  notified_at: string;
  stop_at: string;
  snoozes: number;
  snoozed_until: string | null;
  closed_at: string | null;
};

type EventRow = {
  id: number;
  notice_id: string;
  team: string;
  workload: string;
  action: string;
  actor: string;
  at: string;
  detail: string;
};

const OPEN = ['notified', 'snoozed'];

const toPolicy = (r: PolicyRow): IdlePolicy => ({
  team: r.team,
  idleBelowPercent: Number(r.idle_below_percent),
  windowMinutes: Number(r.window_minutes),
  graceMinutes: Number(r.grace_minutes),
  snoozeMinutes: Number(r.snooze_minutes),
  maxSnoozes: Number(r.max_snoozes),
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

function toNotice(r: NoticeRow): IdleNotice {
  return {
    id: r.id,
    team: r.team,
    kind: r.kind as IdleNotice['kind'],
    workload: r.workload,
    owner: r.owner,
    state: r.state as IdleNotice['state'],
    averagePercent: Number(r.average_percent),
    gpus: Number(r.gpus),
    notifiedAt: r.notified_at,
    stopAt: r.stop_at,
    snoozes: Number(r.snoozes),
    ...(r.snoozed_until ? { snoozedUntil: r.snoozed_until } : {}),
    ...(r.closed_at ? { closedAt: r.closed_at } : {}),
  };
}

const noticeRow = (n: IdleNotice): NoticeRow => ({
  id: n.id,
  team: n.team,
  kind: n.kind,
  workload: n.workload,
  owner: n.owner,
  state: n.state,
  average_percent: n.averagePercent,
  gpus: n.gpus,
  notified_at: n.notifiedAt,
  stop_at: n.stopAt,
  snoozes: n.snoozes,
  snoozed_until: n.snoozedUntil ?? null,
  closed_at: n.closedAt ?? null,
});

/** The idle store on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseIdleStore implements IdleStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseIdleStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await DatabaseIdleStore.migrateUp(knex);
    }
    return new DatabaseIdleStore(knex);
  }

  static async migrateUp(knex: Knex) {
    await knex.migrate.latest({ directory: migrationsDir });
  }

  static async migrateDown(knex: Knex) {
    await knex.migrate.rollback({ directory: migrationsDir }, true);
  }

  constructor(private readonly db: Knex) {}

  async policies(): Promise<IdlePolicy[]> {
    const rows = await this.db<PolicyRow>('idle_policies').orderBy('team');
    return rows.map(toPolicy);
  }

  async policy(team: string): Promise<IdlePolicy | undefined> {
    const row = await this.db<PolicyRow>('idle_policies')
      .where({ team })
      .first();
    return row ? toPolicy(row) : undefined;
  }

  async setPolicy(p: IdlePolicy): Promise<IdlePolicy> {
    const row: PolicyRow = {
      team: p.team,
      idle_below_percent: p.idleBelowPercent,
      window_minutes: p.windowMinutes,
      grace_minutes: p.graceMinutes,
      snooze_minutes: p.snoozeMinutes,
      max_snoozes: p.maxSnoozes,
      updated_by: p.updatedBy,
      updated_at: p.updatedAt,
    };
    await this.db('idle_policies').insert(row).onConflict('team').merge();
    return p;
  }

  async deletePolicy(team: string): Promise<boolean> {
    return (await this.db('idle_policies').where({ team }).delete()) > 0;
  }

  async openNotices(team: string): Promise<IdleNotice[]> {
    const rows = await this.db<NoticeRow>('idle_notices')
      .where({ team })
      .whereIn('state', OPEN);
    return rows.map(toNotice);
  }

  async notice(id: string): Promise<IdleNotice | undefined> {
    const row = await this.db<NoticeRow>('idle_notices').where({ id }).first();
    return row ? toNotice(row) : undefined;
  }

  async notices(teams: string[], since: string): Promise<IdleNotice[]> {
    if (teams.length === 0) return [];
    const rows = await this.db<NoticeRow>('idle_notices')
      .whereIn('team', teams)
      .andWhere(q => q.whereIn('state', OPEN).orWhere('closed_at', '>=', since))
      .orderBy('notified_at', 'desc');
    return rows.map(toNotice);
  }

  async saveNotice(
    notice: IdleNotice,
    event: Omit<IdleEvent, 'id'>,
    expectedState?: IdleNotice['state'],
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const row = noticeRow(notice);
      if (expectedState) {
        const changed = await tx('idle_notices')
          .where({ id: notice.id, state: expectedState })
          .update(row);
        if (changed === 0) return false;
      } else {
        await tx('idle_notices').insert(row);
      }
      await tx('idle_events').insert({
        notice_id: event.noticeId,
        team: event.team,
        workload: event.workload,
        action: event.action,
        actor: event.actor,
        at: event.at,
        detail: event.detail.slice(0, 1000),
      });
      return true;
    });
  }

  async events(team: string, limit: number): Promise<IdleEvent[]> {
    const rows = await this.db<EventRow>('idle_events')
      .where({ team })
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(r => ({
      id: Number(r.id),
      noticeId: r.notice_id,
      team: r.team,
      workload: r.workload,
      action: r.action as IdleEvent['action'],
      actor: r.actor,
      at: r.at,
      detail: r.detail,
    }));
  }
}
