// @ts-check

/**
 * Service tokens for automation (CI pipelines): each acts as one catalog user, usually a service
 * account such as user:default/nlp-ci. Only a SHA-256 of the token's secret is kept; the token
 * is shown once, when a platform keeper makes it. Timestamps are ISO-8601 UTC strings.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlp_service_tokens', table => {
    table.comment(
      'Service tokens for automation, hashed; each acts as one user',
    );
    table.string('id', 36).primary().notNullable();
    table.string('user_entity_ref', 255).notNullable().index();
    table.string('name', 100).notNullable();
    table
      .string('secret_sha256', 64)
      .notNullable()
      .comment('hex SHA-256 of the secret');
    table.string('created_by', 255).notNullable();
    table.string('created_at', 30).notNullable();
    table.string('expires_at', 30).notNullable();
    table.string('last_used_at', 30).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlp_service_tokens');
};
