// @ts-check

/**
 * Which budget alerts (50, 80, 100 %) were sent for a team and month, so each is sent once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cost_budget_alerts', table => {
    table.string('team', 63).notNullable();
    table.string('month', 7).notNullable();
    table.integer('threshold').notNullable();
    table.string('sent_at', 30).notNullable();
    table.primary(['team', 'month', 'threshold']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cost_budget_alerts');
};
