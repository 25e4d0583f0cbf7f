// @ts-check

/**
 * Quota increase requests and their audit trail. Timestamps are ISO-8601 UTC strings: they sort
 * and compare the same way on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('gpu_quota_requests', table => {
    table.comment('Requests for more GPUs than a team quota allows');
    table.string('id', 36).primary().notNullable();
    table.string('team', 63).notNullable();
    table.string('namespace', 63).notNullable();
    table.string('resource', 253).notNullable();
    table.integer('current_amount').notNullable();
    table.integer('requested_amount').notNullable();
    table
      .integer('previous_amount')
      .nullable()
      .comment('The quota just before approval');
    table.text('justification').notNullable();
    table.integer('duration_days').notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('status', 16).notNullable();
    table.string('decided_by', 255).nullable();
    table.text('decision_comment').nullable();
    table.string('decided_at', 30).nullable();
    table.string('expires_at', 30).nullable();
    table.text('expiry_deferred_reason').nullable();
    table
      .string('lock_token', 36)
      .nullable()
      .comment('Held while one keeper or the expiry task changes the quota');
    table.string('locked_at', 30).nullable();
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.index(['team', 'status'], 'gpu_quota_requests_team_status_idx');
    table.index(['status', 'expires_at'], 'gpu_quota_requests_expiry_idx');
  });
  await knex.schema.createTable('gpu_quota_events', table => {
    table.comment('Audit trail: every state change of every request');
    table.bigIncrements('id').primary();
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('gpu_quota_requests');
    table.string('team', 63).notNullable();
    table.string('action', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.text('comment').nullable();
    table.text('details').notNullable();
    table.string('at', 30).notNullable();
    table.index(['team', 'at'], 'gpu_quota_events_team_idx');
    table.index(['request_id'], 'gpu_quota_events_request_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('gpu_quota_events');
  await knex.schema.dropTable('gpu_quota_requests');
};
