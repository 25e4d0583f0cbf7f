import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type {
  AuditAction,
  AuditEvent,
  Deployment,
  DeploymentStatus,
  Environment,
} from '@internal/plugin-deployments-common';
import type { Knex } from 'knex';
import type { DeploymentStore, Transition } from './DeploymentStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-deployments-backend',
  'migrations',
);

type Row = {
  id: string;
  model: string;
  environment: string;
  team: string;
  version: string;
  alias: string | null;
  replicas: number;
  gpus: number;
  status: string;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  rollback_of: string | null;
  namespace: string;
  inference_service: string;
  model_uri: string;
  run_id: string | null;
  job_id: string | null;
  dataset: string | null;
  reservation_id: string | null;
};

type EventRow = {
  id: number;
  deployment_id: string;
  model: string;
  environment: string;
  version: string;
  action: string;
  actor: string;
  at: string;
  detail: string | null;
};

/** One spelling of times (toISOString's), so that they compare as strings. */
const iso = (t: string) => new Date(t).toISOString();
const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function toRow(d: Deployment): Row {
  return {
    id: d.id,
    model: d.model,
    environment: d.environment,
    team: d.team,
    version: d.version,
    alias: d.alias ?? null,
    replicas: d.replicas,
    gpus: d.gpus,
    status: d.status,
    requested_by: d.requestedBy,
    requested_at: iso(d.requestedAt),
    decided_by: d.decidedBy ?? null,
    decided_at: d.decidedAt ? iso(d.decidedAt) : null,
    reason: d.reason ?? null,
    rollback_of: d.rollbackOf ?? null,
    namespace: d.namespace,
    inference_service: d.inferenceService,
    model_uri: d.modelUri,
    run_id: d.runId ?? null,
    job_id: d.jobId ?? null,
    dataset: d.dataset ?? null,
    reservation_id: d.reservationId ?? null,
  };
}

function fromRow(r: Row): Deployment {
  const d: Deployment = {
    id: r.id,
    model: r.model,
    environment: r.environment as Environment,
    team: r.team,
    version: r.version,
    replicas: Number(r.replicas),
    gpus: Number(r.gpus),
    status: r.status as DeploymentStatus,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    namespace: r.namespace,
    inferenceService: r.inference_service,
    modelUri: r.model_uri,
  };
  const optional = {
    alias: opt(r.alias),
    decidedBy: opt(r.decided_by),
    decidedAt: opt(r.decided_at),
    reason: opt(r.reason),
    rollbackOf: opt(r.rollback_of),
    runId: opt(r.run_id),
    jobId: opt(r.job_id),
    dataset: opt(r.dataset),
    reservationId: opt(r.reservation_id),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (d as Record<string, unknown>)[key] = value;
  }
  return d;
}

function fromEventRow(r: EventRow): AuditEvent {
  return {
    id: Number(r.id),
    deploymentId: r.deployment_id,
    model: r.model,
    environment: r.environment as Environment,
    version: r.version,
    action: r.action as AuditAction,
    actor: r.actor,
    at: r.at,
    ...(r.detail !== null ? { detail: r.detail } : {}),
  };
}

/** DeploymentStore on the deployments plugin's database (SQLite or PostgreSQL). */
export class DatabaseDeploymentStore implements DeploymentStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseDeploymentStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await DatabaseDeploymentStore.migrateUp(knex);
    }
    return new DatabaseDeploymentStore(knex);
  }

  static async migrateUp(knex: Knex) {
    await knex.migrate.latest({ directory: migrationsDir });
  }

  static async migrateDown(knex: Knex) {
    await knex.migrate.rollback({ directory: migrationsDir }, true);
  }

  constructor(private readonly db: Knex) {}

  async insert(
    deployment: Deployment,
    events: Parameters<DeploymentStore['insert']>[1],
    transitions: Transition[] = [],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx<Row>('deployments').insert(toRow(deployment));
      for (const e of events) {
        await tx<EventRow>('deployment_events').insert({
          deployment_id: deployment.id,
          model: deployment.model,
          environment: deployment.environment,
          version: deployment.version,
          action: e.action,
          actor: e.actor,
          at: iso(e.at),
          detail: e.detail ?? null,
        });
      }
      await this.apply(tx, transitions);
    });
  }

  async transition(transitions: Transition[]): Promise<void> {
    await this.db.transaction(tx => this.apply(tx, transitions));
  }

  private async apply(tx: Knex.Transaction, transitions: Transition[]) {
    for (const t of transitions) {
      const row = await tx<Row>('deployments').where({ id: t.id }).first();
      if (!row) throw new ConflictError(`deployment ${t.id} is gone`);
      const changes: Partial<Row> = { status: t.to };
      if (t.changes?.decidedBy !== undefined)
        changes.decided_by = t.changes.decidedBy;
      if (t.changes?.decidedAt !== undefined)
        changes.decided_at = iso(t.changes.decidedAt);
      if (t.changes?.reason !== undefined) changes.reason = t.changes.reason;
      if (t.changes?.reservationId !== undefined) {
        changes.reservation_id = t.changes.reservationId;
      }
      const updated = await tx<Row>('deployments')
        .where({ id: t.id, status: t.from })
        .update(changes);
      if (updated !== 1) {
        throw new ConflictError(
          `deployment ${t.id} is ${row.status} now, not ${t.from}: someone else acted on it first; reload and try again`,
        );
      }
      await tx<EventRow>('deployment_events').insert({
        deployment_id: t.id,
        model: row.model,
        environment: row.environment,
        version: row.version,
        action: t.event.action,
        actor: t.event.actor,
        at: iso(t.event.at),
        detail: t.event.detail ?? null,
      });
    }
  }

  async get(id: string): Promise<Deployment | undefined> {
    const row = await this.db<Row>('deployments').where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async ofModel(
    model: string,
    environment?: Environment,
  ): Promise<Deployment[]> {
    const query = this.db<Row>('deployments').where({ model });
    if (environment) query.andWhere({ environment });
    const rows = await query.orderBy([
      { column: 'requested_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
    return rows.map(fromRow);
  }

  async events(model: string): Promise<AuditEvent[]> {
    const rows = await this.db<EventRow>('deployment_events')
      .where({ model })
      .orderBy('id', 'asc');
    return rows.map(fromEventRow);
  }
}
