// @ts-check

/**
 * The computer each command-line login runs on, as mlp reported it right after logging in,
 * next to the auth backend's own offline_sessions (same database, the auth plugin's). A row
 * goes when its session is revoked here; one whose session ended otherwise is ignored.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlp_cli_session_hosts', table => {
    table.comment(
      'The host of each mlp login (offline session of the auth backend)',
    );
    table.string('session_id', 64).primary().notNullable();
    table.string('host', 100).notNullable();
    table.string('reported_at', 30).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlp_cli_session_hosts');
};
