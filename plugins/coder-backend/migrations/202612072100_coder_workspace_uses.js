// @ts-check

/**
 * Each workspace the portal created or started for a user, with the team whose GPUs it used:
 * platform metrics count workspaces used from it. Append-only. Timestamps are ISO-8601 UTC
 * strings.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('coder_workspace_uses', table => {
    table.comment('Workspaces the portal created or started, and for whom');
    table.increments('id').primary();
    table.string('workspace_id', 36).notNullable();
    table.string('workspace_name', 64).notNullable();
    table.string('user_ref', 255).notNullable();
    table.string('team', 63).nullable();
    table.integer('gpus').notNullable();
    table.string('action', 8).notNullable();
    table.string('at', 30).notNullable().index();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('coder_workspace_uses');
};
