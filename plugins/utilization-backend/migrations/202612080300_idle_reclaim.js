// @ts-check

/**
 * Idle GPU reclaim: each team's idle policy, the notices sent for idle workloads, and their
 * append-only audit trail. Times are ISO-8601 UTC strings: they compare the same way on SQLite
 * and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('idle_policies', table => {
    table.comment(
      'When a team GPU workloads count as idle, and how long until they are stopped',
    );
    table.string('team', 63).primary().notNullable();
    table.float('idle_below_percent').notNullable();
    table.float('window_minutes').notNullable();
    table.float('grace_minutes').notNullable();
    table.float('snooze_minutes').notNullable();
    table.integer('max_snoozes').notNullable();
    table.string('updated_by', 255).notNullable();
    table.string('updated_at', 30).notNullable();
  });
  await knex.schema.createTable('idle_notices', table => {
    table.comment(
      'Notices that a workload GPUs are idle, until it is stopped or busy again',
    );
    table.string('id', 36).primary().notNullable();
    table.string('team', 63).notNullable();
    table.string('kind', 16).notNullable();
    table.string('workload', 253).notNullable();
    table.string('owner', 255).notNullable();
    table.string('state', 16).notNullable();
    table.float('average_percent').notNullable();
    table.integer('gpus').notNullable();
    table.string('notified_at', 30).notNullable();
    table.string('stop_at', 30).notNullable();
    table.integer('snoozes').notNullable();
    table.string('snoozed_until', 30).nullable();
    table.string('closed_at', 30).nullable();
    table.index(['team', 'state'], 'idle_notices_team_state_idx');
  });
  await knex.schema.createTable('idle_events', table => {
    table.comment(
      'Audit trail of idle notices and the stops they led to, append only',
    );
    table.increments('id').primary();
    table.string('notice_id', 36).notNullable().index();
    table.string('team', 63).notNullable();
    table.string('workload', 253).notNullable();
    table.string('action', 16).notNullable();
    table.string('actor', 255).notNullable();
    table.string('at', 30).notNullable();
    table.string('detail', 1000).notNullable();
    table.index(['team', 'at'], 'idle_events_team_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('idle_events');
  await knex.schema.dropTable('idle_notices');
  await knex.schema.dropTable('idle_policies');
};
