// @ts-check

/**
 * The portal's own records of training jobs, kept after their Workflows are gone: platform
 * metrics (jobs submitted, succeeded, failed, GPU-hours, queue wait, time to first job) are
 * counted from them. Timestamps are ISO-8601 UTC strings: they compare the same way on SQLite
 * and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('job_records', table => {
    table.comment('Training jobs the portal submitted, and how they went');
    table.string('id', 63).primary().notNullable();
    table.string('team', 63).notNullable();
    table.string('submitted_by', 255).notNullable();
    table.integer('gpus').notNullable();
    table.string('gpu_resource', 253).notNullable();
    table.string('created_at', 30).notNullable();
    table
      .string('started_at', 30)
      .nullable()
      .comment('When its first pod started on a node');
    table.string('finished_at', 30).nullable();
    table.string('phase', 16).notNullable();
    table
      .integer('runtime_seconds')
      .notNullable()
      .comment('Seconds its pods ran on a node, all attempts');
    table
      .decimal('cost', 14, 2)
      .notNullable()
      .comment('GPUs x hours its pods ran x the hourly rate');
    table.string('currency', 3).notNullable();
    table.string('mlflow_run_id', 64).nullable().index();
    table.string('updated_at', 30).notNullable();
    table.index(['created_at'], 'job_records_created_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('job_records');
};
