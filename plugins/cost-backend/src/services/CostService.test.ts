import { TestDatabases } from '@backstage/backend-test-utils';
import { localPostgresUrl } from '@internal/plugin-mlp-kube-node/testUtils';
import { as, costServiceOn, TestClock } from '../__testUtils__/costService';
import { DatabaseCostStore } from '../store/DatabaseCostStore';

process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING =
  localPostgresUrl();
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
jest.setTimeout(120_000);

describe.each(databases.eachSupportedId())('CostService on %p', databaseId => {
  const setup = async () => {
    const clock = new TestClock(new Date('2026-11-10T12:00:00Z'));
    const knex = await databases.init(databaseId);
    return { clock, knex, ...(await costServiceOn(knex, clock)) };
  };

  it('migrates up, down and up again', async () => {
    const { knex } = await setup();
    const tables = [
      'cost_allocations',
      'cost_allocation_ends',
      'cost_budgets',
      'cost_reservations',
      'cost_budget_alerts',
      'cost_daily',
      'cost_rollup_state',
      'cost_open_allocations',
    ];
    for (const t of tables) expect(await knex.schema.hasTable(t)).toBe(true);
    await DatabaseCostStore.migrateDown(knex);
    for (const t of tables) expect(await knex.schema.hasTable(t)).toBe(false);
    await DatabaseCostStore.migrateUp(knex);
    for (const t of tables) expect(await knex.schema.hasTable(t)).toBe(true);
  });

  it('accepts exactly as many of 100 concurrent checks as the budget holds', async () => {
    const { service, checks } = await setup();
    // One check: 2 GPUs × 4 h × 2.50 = 20.00; a budget of 200.00 holds exactly 10.
    await service.setBudget(as.keeper, 'nlp-team', {
      month: '2026-11',
      amount: 200,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        checks.check(as.scaffolder, {
          team: 'nlp-team',
          gpus: 2,
          hours: 4,
          reference: `job-${i}`,
        }),
      ),
    );
    const accepted = results.filter(r => r.status === 'fulfilled');
    const refused = results.filter(
      r => r.status === 'rejected',
    ) as PromiseRejectedResult[];
    expect(accepted).toHaveLength(10);
    expect(refused).toHaveLength(90);
    expect(refused[0].reason.name).toBe('ConflictError');
    expect(refused[0].reason.message).toMatch(
      /costs about 20 EUR, but nlp-team has 0 EUR left of its 200 EUR budget for 2026-11/,
    );
    const status = await service.budgetStatus(as.keeper, 'nlp-team');
    expect(status).toMatchObject({
      budget: 200,
      spent: 0,
      reserved: 200,
      remaining: 0,
    });
    expect(status.alerts).toEqual([50, 80, 100]);
  });

  it('frees a released or expired reservation for the next check', async () => {
    const { service, checks, clock } = await setup();
    await service.setBudget(as.keeper, 'nlp-team', {
      month: '2026-11',
      amount: 25,
    });
    const first = await checks.check(as.scientist, {
      team: 'nlp-team',
      gpus: 1,
      hours: 8,
    });
    expect(first.status).toMatchObject({ reserved: 20, remaining: 5 });
    await expect(
      checks.check(as.scientist, { team: 'nlp-team', gpus: 1, hours: 8 }),
    ).rejects.toThrow(/has 5 EUR left/);
    await checks.release(as.scientist, first.reservation.id);
    const second = await checks.check(as.scientist, {
      team: 'nlp-team',
      gpus: 1,
      hours: 8,
    });
    // 8 h + 1 h grace later the reservation lapses by itself.
    clock.advance(9);
    const third = await checks.check(as.scientist, {
      team: 'nlp-team',
      gpus: 1,
      hours: 8,
    });
    expect(third.status.reserved).toBe(20);
    expect(second.reservation.id).not.toBe(third.reservation.id);
  });

  it('refuses bad budgets and other teams with clear errors', async () => {
    const { service, checks } = await setup();
    await expect(
      service.setBudget(as.keeper, 'nlp-team', {
        month: '2026-10',
        amount: 100,
      }),
    ).rejects.toThrow(/month: 2026-10 is in the past/);
    await expect(
      service.setBudget(as.scientist, 'nlp-team', {
        month: '2026-12',
        amount: 100,
      }),
    ).rejects.toThrow(/Only platform keepers may set budgets/);
    await expect(
      checks.check(as.scientist, { team: 'vision-team', gpus: 1, hours: 1 }),
    ).rejects.toThrow(/not a member of team vision-team/);
    await expect(
      checks.check(as.scientist, {
        team: 'nlp-team',
        resource: 'amd.com/gpu',
        gpus: 1,
        hours: 1,
      }),
    ).rejects.toThrow(
      /No hourly rate for amd\.com\/gpu: add .* to cost\.gpuRates/,
    );
    await expect(
      service.summary(as.scientist, 'vision-team', {
        from: '2026-11-01',
        to: '2026-12-01',
      }),
    ).rejects.toThrow(/not a member/);
  });
});
