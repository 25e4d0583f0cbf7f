import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  QuotaEvent,
  QuotaRequest,
  QuotaRequestStatus,
} from '@internal/plugin-gpu-quota-common';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  NewQuotaEvent,
  NewQuotaRequest,
  QuotaRequestStore,
  RequestChange,
} from './QuotaRequestStore';

const REQUESTS = 'gpu_quota_requests';
const EVENTS = 'gpu_quota_events';
/** A lock older than this belongs to a process that died mid-change; it may be taken over. */
const STALE_LOCK_MS = 5 * 60_000;

const migrationsDir = resolvePackagePath(
  '@internal/plugin-gpu-quota-backend',
  'migrations',
);

type RequestRow = {
  id: string;
  team: string;
  namespace: string;
  resource: string;
  current_amount: number;
  requested_amount: number;
  previous_amount: number | null;
  justification: string;
  duration_days: number;
  requested_by: string;
  status: QuotaRequestStatus;
  decided_by: string | null;
  decision_comment: string | null;
  decided_at: string | null;
  expires_at: string | null;
  expiry_deferred_reason: string | null;
  lock_token: string | null;
  locked_at: string | null;
  created_at: string;
  updated_at: string;
};

type EventRow = {
  id: number | string;
  request_id: string;
  team: string;
  action: QuotaEvent['action'];
  actor: string;
  comment: string | null;
  details: string;
  at: string;
};

const COLUMNS: Record<keyof RequestChange['fields'], keyof RequestRow> = {
  status: 'status',
  previousAmount: 'previous_amount',
  decidedBy: 'decided_by',
  decisionComment: 'decision_comment',
  decidedAt: 'decided_at',
  expiresAt: 'expires_at',
  expiryDeferredReason: 'expiry_deferred_reason',
};

function toRequest(row: RequestRow): QuotaRequest {
  return {
    id: row.id,
    team: row.team,
    namespace: row.namespace,
    resource: row.resource,
    currentAmount: Number(row.current_amount),
    requestedAmount: Number(row.requested_amount),
    previousAmount:
      row.previous_amount === null ? undefined : Number(row.previous_amount),
    justification: row.justification,
    durationDays: Number(row.duration_days),
    requestedBy: row.requested_by,
    status: row.status,
    decidedBy: row.decided_by ?? undefined,
    decisionComment: row.decision_comment ?? undefined,
    decidedAt: row.decided_at ?? undefined,
    expiresAt: row.expires_at ?? undefined,
    expiryDeferredReason: row.expiry_deferred_reason ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toEvent(row: EventRow): QuotaEvent {
  return {
    id: Number(row.id),
    requestId: row.request_id,
    team: row.team,
    action: row.action,
    actor: row.actor,
    comment: row.comment ?? undefined,
    details: JSON.parse(row.details),
    at: row.at,
  };
}

/** QuotaRequestStore on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseQuotaRequestStore implements QuotaRequestStore {
  static async create(options: {
    database: DatabaseService;
    /** For tests: the clock. */
    now?: () => Date;
  }): Promise<DatabaseQuotaRequestStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await DatabaseQuotaRequestStore.migrateUp(knex);
    }
    return new DatabaseQuotaRequestStore(
      knex,
      options.now ?? (() => new Date()),
    );
  }

  static async migrateUp(knex: Knex) {
    await knex.migrate.latest({ directory: migrationsDir });
  }

  static async migrateDown(knex: Knex) {
    await knex.migrate.rollback({ directory: migrationsDir }, true);
  }

  private constructor(
    private readonly db: Knex,
    private readonly now: () => Date,
  ) {}

  async create(
    request: NewQuotaRequest,
    event: NewQuotaEvent,
  ): Promise<QuotaRequest> {
    const at = this.now().toISOString();
    const row: RequestRow = {
      id: randomUUID(),
      team: request.team,
      namespace: request.namespace,
      resource: request.resource,
      current_amount: request.currentAmount,
      requested_amount: request.requestedAmount,
      previous_amount: null,
      justification: request.justification,
      duration_days: request.durationDays,
      requested_by: request.requestedBy,
      status: 'pending',
      decided_by: null,
      decision_comment: null,
      decided_at: null,
      expires_at: null,
      expiry_deferred_reason: null,
      lock_token: null,
      locked_at: null,
      created_at: at,
      updated_at: at,
    };
    await this.db.transaction(async tx => {
      await tx(REQUESTS).insert(row);
      await tx(EVENTS).insert(this.eventRow(row.id, row.team, event, at));
    });
    return toRequest(row);
  }

  async get(id: string): Promise<QuotaRequest | undefined> {
    const row = await this.db<RequestRow>(REQUESTS).where({ id }).first();
    return row ? toRequest(row) : undefined;
  }

  async list(filter: {
    team?: string;
    status?: QuotaRequestStatus;
  }): Promise<QuotaRequest[]> {
    const query = this.db<RequestRow>(REQUESTS)
      .orderBy('created_at', 'desc')
      .orderBy('id');
    if (filter.team) query.where('team', filter.team);
    if (filter.status) query.where('status', filter.status);
    return (await query).map(toRequest);
  }

  async listDueExpiries(now: Date): Promise<QuotaRequest[]> {
    const rows = await this.db<RequestRow>(REQUESTS)
      .where('status', 'approved')
      .where('expires_at', '<=', now.toISOString())
      .orderBy('expires_at');
    return rows.map(toRequest);
  }

  async lock(
    id: string,
    status: QuotaRequestStatus,
  ): Promise<string | undefined> {
    const token = randomUUID();
    const now = this.now();
    const staleBefore = new Date(now.getTime() - STALE_LOCK_MS).toISOString();
    // One UPDATE with the condition in its WHERE: the database lets exactly one caller win.
    const updated = await this.db<RequestRow>(REQUESTS)
      .where({ id, status })
      .andWhere(q =>
        q.whereNull('lock_token').orWhere('locked_at', '<', staleBefore),
      )
      .update({ lock_token: token, locked_at: now.toISOString() });
    return updated === 1 ? token : undefined;
  }

  async unlock(id: string, token: string): Promise<void> {
    await this.db<RequestRow>(REQUESTS)
      .where({ id, lock_token: token })
      .update({ lock_token: null, locked_at: null });
  }

  async change(
    id: string,
    change: RequestChange,
    guard: { token: string } | { from: QuotaRequestStatus },
  ): Promise<QuotaRequest | undefined> {
    const at = this.now().toISOString();
    const update: Partial<RequestRow> = { updated_at: at };
    for (const [field, value] of Object.entries(change.fields)) {
      (update as Record<string, unknown>)[
        COLUMNS[field as keyof RequestChange['fields']]
      ] = value ?? null;
    }
    return this.db.transaction(async tx => {
      const query = tx<RequestRow>(REQUESTS).where({ id });
      if ('token' in guard) {
        query.where('lock_token', guard.token);
        update.lock_token = null;
        update.locked_at = null;
      } else {
        query.where('status', guard.from).whereNull('lock_token');
      }
      const updated = await query.update(update);
      if (updated !== 1) return undefined;
      const row = await tx<RequestRow>(REQUESTS).where({ id }).first();
      await tx(EVENTS).insert(this.eventRow(id, row!.team, change.event, at));
      return toRequest(row!);
    });
  }

  async addEvent(id: string, event: NewQuotaEvent): Promise<void> {
    const row = await this.db<RequestRow>(REQUESTS).where({ id }).first();
    if (!row) return;
    await this.db(EVENTS).insert(
      this.eventRow(id, row.team, event, this.now().toISOString()),
    );
  }

  async events(filter: {
    team?: string;
    requestId?: string;
  }): Promise<QuotaEvent[]> {
    const query = this.db<EventRow>(EVENTS).orderBy('id');
    if (filter.team) query.where('team', filter.team);
    if (filter.requestId) query.where('request_id', filter.requestId);
    return (await query).map(toEvent);
  }

  private eventRow(
    requestId: string,
    team: string,
    event: NewQuotaEvent,
    at: string,
  ): Omit<EventRow, 'id'> {
    return {
      request_id: requestId,
      team,
      action: event.action,
      actor: event.actor,
      comment: event.comment ?? null,
      details: JSON.stringify(event.details),
      at,
    };
  }
}
