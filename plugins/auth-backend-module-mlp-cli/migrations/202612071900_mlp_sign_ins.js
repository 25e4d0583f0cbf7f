// @ts-check

/**
 * When each user first and last signed in to the portal (a sign-in, or the session refresh each
 * page load makes), as the auth backend answered it: platform metrics count time to first
 * training job and active users from it. Timestamps are ISO-8601 UTC strings.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlp_sign_ins', table => {
    table.comment('First and last sign-in of each user');
    table.string('user_entity_ref', 255).primary().notNullable();
    table.string('first_at', 30).notNullable();
    table.string('last_at', 30).notNullable();
    table.integer('count').notNullable().defaultTo(1);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlp_sign_ins');
};
