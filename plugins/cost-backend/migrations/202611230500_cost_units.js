// @ts-check

/**
 * CPU and memory in the ledger (when they are priced): `units` holds what an allocation is
 * counted in, GPUs, cores or GiB, which need not be whole. `gpus` stays as it was for GPU rows,
 * and 0 for CPU and memory rows; rows from before this migration read `gpus` as their units.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('cost_allocations', table => {
    table.double('units').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // CPU and memory rows cannot be told in the old shape: they go with the column.
  await knex('cost_allocations')
    .whereIn('resource', ['cpu', 'memory'])
    .delete();
  await knex.schema.alterTable('cost_allocations', table => {
    table.dropColumn('units');
  });
};
