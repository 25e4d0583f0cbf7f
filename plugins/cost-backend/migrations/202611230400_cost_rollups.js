// @ts-check

/**
 * Daily roll-ups, so a summary adds up at most a month of per-day rows instead of scanning the
 * ledger, and the indexes the live part (today, and days a late ledger write made stale) needs:
 *
 * - cost_daily: GPU-hours and cost per team, UTC day, project, model, user and GPU type.
 * - cost_rollup_state: per team, every day before `rolled_until` is in cost_daily and exact.
 *   A ledger write that lands on an earlier day moves `rolled_until` back to that day. Writers
 *   and roll-up passes take the team's row lock, so neither can miss the other.
 * - cost_open_allocations: allocations without an end (kept with the ledger in one transaction),
 *   so finding running pods does not scan the ledger.
 * - cost_allocation_ends.team with (team, ended_at), and cost_allocations.reservation_id.
 *
 * The ledger itself stays append-only; all of this is derived from it and rebuilt from it here.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cost_daily', table => {
    table.comment('Daily roll-up of the allocation ledger');
    table.string('team', 63).notNullable();
    table.string('day', 10).notNullable();
    table.string('project', 253).notNullable();
    table.string('model', 253).notNullable();
    table.string('user', 255).notNullable();
    table.string('resource', 253).notNullable();
    table.double('gpu_hours').notNullable();
    table.double('cost').notNullable();
    table.primary(['team', 'day', 'project', 'model', 'user', 'resource']);
  });
  await knex.schema.createTable('cost_rollup_state', table => {
    table.string('team', 63).primary().notNullable();
    table.string('rolled_until', 10).notNullable();
  });
  await knex.schema.createTable('cost_open_allocations', table => {
    table.string('pod_uid', 64).notNullable();
    table.string('resource', 253).notNullable();
    table.string('team', 63).notNullable();
    table.primary(['pod_uid', 'resource']);
    table.index(['team'], 'cost_open_allocations_team_idx');
  });
  await knex.schema.alterTable('cost_allocation_ends', table => {
    table.string('team', 63).nullable();
    table.index(['team', 'ended_at'], 'cost_allocation_ends_team_idx');
  });
  await knex.schema.alterTable('cost_allocations', table => {
    table.index(['reservation_id'], 'cost_allocations_reservation_idx');
  });

  // Derive the new tables from the ledger that is already there.
  await knex('cost_allocation_ends').update({
    team: knex('cost_allocations as a')
      .select('a.team')
      .whereRaw('?? = ??', ['a.pod_uid', 'cost_allocation_ends.pod_uid'])
      .limit(1),
  });
  const open = await knex('cost_allocations as a')
    .leftJoin('cost_allocation_ends as e', 'a.pod_uid', 'e.pod_uid')
    .whereNull('e.pod_uid')
    .select('a.pod_uid', 'a.resource', 'a.team');
  for (let i = 0; i < open.length; i += 100) {
    await knex('cost_open_allocations').insert(open.slice(i, i + 100));
  }
  // Nothing is rolled up yet: each team starts at its first ledger day.
  /** @type {Array<{ team: string, first: string }>} */
  const firsts = await knex('cost_allocations')
    .groupBy('team')
    .select('team')
    .min({ first: 'started_at' });
  for (const { team, first } of firsts) {
    await knex('cost_rollup_state').insert({
      team,
      rolled_until: String(first).slice(0, 10),
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('cost_allocations', table => {
    table.dropIndex(['reservation_id'], 'cost_allocations_reservation_idx');
  });
  await knex.schema.alterTable('cost_allocation_ends', table => {
    table.dropIndex(['team', 'ended_at'], 'cost_allocation_ends_team_idx');
    table.dropColumn('team');
  });
  await knex.schema.dropTable('cost_open_allocations');
  await knex.schema.dropTable('cost_rollup_state');
  await knex.schema.dropTable('cost_daily');
};
