import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  finalJobRecordPhases,
  type JobRecord,
  type JobRecordPhase,
} from '@internal/plugin-jobs-common';
import type { Knex } from 'knex';
import type { JobRecordStore } from './JobRecordStore';

const TABLE = 'job_records';
const migrationsDir = resolvePackagePath(
  '@internal/plugin-jobs-backend',
  'migrations',
);

/** One spelling of times (toISOString's), so that they compare as strings. */
const iso = (t: string) => new Date(t).toISOString();
const isoOrNull = (t?: string) => (t ? iso(t) : null);

type Row = {
  id: string;
  team: string;
  submitted_by: string;
  gpus: number;
  gpu_resource: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  phase: string;
  runtime_seconds: number;
  cost: number | string;
  currency: string;
  mlflow_run_id: string | null;
  updated_at: string;
};

/** JobRecordStore on the jobs plugin's database (SQLite or PostgreSQL). */
export class DatabaseJobRecordStore implements JobRecordStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseJobRecordStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await DatabaseJobRecordStore.migrateUp(knex);
    }
    return new DatabaseJobRecordStore(knex);
  }

  static async migrateUp(knex: Knex) {
    await knex.migrate.latest({ directory: migrationsDir });
  }

  static async migrateDown(knex: Knex) {
    await knex.migrate.rollback({ directory: migrationsDir }, true);
  }

  constructor(private readonly db: Knex) {}

  async save(records: JobRecord[]): Promise<void> {
    for (const record of records) {
      const row = toRow(record);
      const { id, ...changes } = row;
      // One statement per record: insert, or update unless the stored one has ended.
      await this.db<Row>(TABLE)
        .insert(row)
        .onConflict('id')
        .merge(changes)
        .whereNotIn(`${TABLE}.phase`, [...finalJobRecordPhases]);
    }
  }

  async since(since: string): Promise<JobRecord[]> {
    const rows = await this.db<Row>(TABLE)
      .where('created_at', '>=', iso(since))
      .orderBy('created_at')
      .orderBy('id');
    return rows.map(fromRow);
  }

  async byIds(ids: string[]): Promise<JobRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db<Row>(TABLE)
      .whereIn('id', ids)
      .orderBy('created_at')
      .orderBy('id');
    return rows.map(fromRow);
  }

  async open(): Promise<JobRecord[]> {
    const rows = await this.db<Row>(TABLE).whereNotIn('phase', [
      ...finalJobRecordPhases,
    ]);
    return rows.map(fromRow);
  }
}

function toRow(r: JobRecord): Row {
  return {
    id: r.id,
    team: r.team,
    submitted_by: r.submittedBy,
    gpus: r.gpus,
    gpu_resource: r.gpuResource,
    created_at: iso(r.createdAt),
    started_at: isoOrNull(r.startedAt),
    finished_at: isoOrNull(r.finishedAt),
    phase: r.phase,
    runtime_seconds: Math.round(r.runtimeSeconds),
    cost: r.cost,
    currency: r.currency,
    mlflow_run_id: r.mlflowRunId ?? null,
    updated_at: iso(r.updatedAt),
  };
}

function fromRow(row: Row): JobRecord {
  return {
    id: row.id,
    team: row.team,
    submittedBy: row.submitted_by,
    gpus: Number(row.gpus),
    gpuResource: row.gpu_resource,
    createdAt: row.created_at,
    ...(row.started_at ? { startedAt: row.started_at } : {}),
    ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
    phase: row.phase as JobRecordPhase,
    runtimeSeconds: Number(row.runtime_seconds),
    cost: Number(row.cost),
    currency: row.currency,
    ...(row.mlflow_run_id ? { mlflowRunId: row.mlflow_run_id } : {}),
    updatedAt: row.updated_at,
  };
}
