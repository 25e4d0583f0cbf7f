import { budget, costSummary } from '../../__testUtils__/fixtures';
import { dailyRows } from './chartData';

describe('dailyRows', () => {
  it('has every day of the range, zero where nothing was spent, and the daily budget', () => {
    const rows = dailyRows(
      costSummary({ from: '2026-10-30', to: '2026-11-04' }),
      [budget({ month: '2026-11', amount: 900 })],
    );
    expect(rows).toEqual([
      { day: '2026-10-30', cost: 0, budgetPerDay: undefined },
      { day: '2026-10-31', cost: 0, budgetPerDay: undefined },
      { day: '2026-11-01', cost: 0, budgetPerDay: 30 },
      { day: '2026-11-02', cost: 250, budgetPerDay: 30 },
      { day: '2026-11-03', cost: 362.5, budgetPerDay: 30 },
    ]);
  });

  it("spreads each month's budget over that month's own days", () => {
    const rows = dailyRows(
      costSummary({ from: '2027-02-28', to: '2027-03-02', daily: [] }),
      [
        budget({ month: '2027-02', amount: 280 }),
        budget({ month: '2027-03', amount: 310 }),
      ],
    );
    expect(rows.map(r => r.budgetPerDay)).toEqual([10, 10]);
  });
});
