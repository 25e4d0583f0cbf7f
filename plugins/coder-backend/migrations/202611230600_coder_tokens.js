// @ts-check

/**
 * Each portal user's Coder session token, encrypted (AES-256-GCM with coder.tokenEncryptionKey;
 * the user's entity ref is the additional data, so a row copied to another user does not
 * decrypt). Timestamps are ISO-8601 UTC strings.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('coder_user_tokens', table => {
    table.comment('Coder session tokens of portal users, encrypted at rest');
    table.string('user_ref', 255).primary().notNullable();
    table.string('coder_user_id', 64).notNullable();
    table.string('coder_username', 64).notNullable();
    table
      .text('token_sealed')
      .notNullable()
      .comment('base64 of IV (12 bytes) | auth tag (16 bytes) | ciphertext');
    table.string('connected_at', 30).notNullable();
    table
      .string('rejected_at', 30)
      .nullable()
      .comment('When Coder last refused the token (expired or revoked)');
    table.text('rejected_message').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('coder_user_tokens');
};
