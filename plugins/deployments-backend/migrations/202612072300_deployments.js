// @ts-check

/**
 * Model deployments and their audit trail. A deployment is one deploy of a registered model
 * version to an environment (requested, approved or rejected, live, superseded); the audit trail
 * is append-only and gives the model card its deployment history. Times are ISO-8601 UTC strings:
 * they compare the same way on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployments', table => {
    table.comment(
      'Deploys of registered model versions to staging and production',
    );
    table.string('id', 36).primary().notNullable();
    table.string('model', 200).notNullable();
    table.string('environment', 16).notNullable();
    table.string('team', 63).notNullable();
    table.string('version', 16).notNullable();
    table.string('alias', 63).nullable();
    table.integer('replicas').notNullable();
    table.integer('gpus').notNullable().comment('GPUs per replica');
    table.string('status', 20).notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('requested_at', 30).notNullable();
    table.string('decided_by', 255).nullable();
    table.string('decided_at', 30).nullable();
    table.string('reason', 500).nullable();
    table
      .string('rollback_of', 36)
      .nullable()
      .comment('The deployment whose version a rollback brought back');
    table.string('namespace', 63).notNullable();
    table.string('inference_service', 63).notNullable();
    table.string('model_uri', 1000).notNullable();
    table.string('run_id', 64).nullable();
    table.string('job_id', 63).nullable();
    table.string('dataset', 500).nullable();
    table.string('reservation_id', 64).nullable();
    table.index(['model', 'environment'], 'deployments_model_env_idx');
  });
  await knex.schema.createTable('deployment_events', table => {
    table.comment('Audit trail of model deployments, append only');
    table.increments('id').primary();
    table.string('deployment_id', 36).notNullable().index();
    table.string('model', 200).notNullable();
    table.string('environment', 16).notNullable();
    table.string('version', 16).notNullable();
    table.string('action', 20).notNullable();
    table.string('actor', 255).notNullable();
    table.string('at', 30).notNullable();
    table.string('detail', 1000).nullable();
    table.index(['model', 'at'], 'deployment_events_model_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deployment_events');
  await knex.schema.dropTable('deployments');
};
