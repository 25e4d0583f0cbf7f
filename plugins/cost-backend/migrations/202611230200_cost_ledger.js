// @ts-check

/**
 * The GPU allocation ledger, budgets and reservations. The ledger is append-only: a pod's
 * allocation is inserted once when it is first seen holding GPUs, its end once when it is seen
 * finished or gone, both keyed by the pod's UID, so a resync never counts anything twice.
 * Timestamps are ISO-8601 UTC strings: they compare the same way on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cost_allocations', table => {
    table.comment('GPUs a pod held, from when it started');
    table.string('pod_uid', 64).notNullable();
    table.string('resource', 253).notNullable();
    table.string('team', 63).notNullable();
    table.string('namespace', 63).notNullable();
    table.string('pod', 253).notNullable();
    table.string('project', 253).notNullable();
    table.string('model', 253).notNullable();
    table.string('user', 255).notNullable();
    table.string('reservation_id', 36).nullable();
    table.integer('gpus').notNullable();
    table
      .decimal('hourly_rate', 14, 6)
      .notNullable()
      .comment('Per GPU-hour, as configured when the pod started');
    table.string('started_at', 30).notNullable();
    table.primary(['pod_uid', 'resource']);
    table.index(['team', 'started_at'], 'cost_allocations_team_idx');
  });
  await knex.schema.createTable('cost_allocation_ends', table => {
    table.comment('When a pod stopped holding its GPUs');
    table.string('pod_uid', 64).primary().notNullable();
    table.string('ended_at', 30).notNullable();
  });
  await knex.schema.createTable('cost_budgets', table => {
    table.string('team', 63).notNullable();
    table.string('month', 7).notNullable();
    table.decimal('amount', 16, 2).notNullable();
    table.string('currency', 3).notNullable();
    table.string('updated_by', 255).notNullable();
    table.string('updated_at', 30).notNullable();
    table.primary(['team', 'month']);
  });
  await knex.schema.createTable('cost_reservations', table => {
    table.comment('Estimated cost of checked jobs, held against the budget');
    table.string('id', 36).primary().notNullable();
    table.string('team', 63).notNullable();
    table.string('month', 7).notNullable();
    table.string('resource', 253).notNullable();
    table.integer('gpus').notNullable();
    table.decimal('hours', 10, 3).notNullable();
    table.decimal('estimate', 16, 2).notNullable();
    table.string('reference', 200).nullable();
    table.string('requested_by', 255).notNullable();
    table.string('created_at', 30).notNullable();
    table.string('expires_at', 30).notNullable();
    table.string('released_at', 30).nullable();
    table.index(['team', 'month'], 'cost_reservations_team_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cost_reservations');
  await knex.schema.dropTable('cost_budgets');
  await knex.schema.dropTable('cost_allocation_ends');
  await knex.schema.dropTable('cost_allocations');
};
