import { budget, costSummary } from '../../__testUtils__/fixtures';
import { dailyRows, forecastMonthEnd } from './chartData';

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

describe('forecastMonthEnd', () => {
  it('extends the month-to-date spend in a straight line', () => {
    // 14.5 of 30 days
    expect(
      forecastMonthEnd(612.5, '2026-11', new Date('2026-11-15T12:00:00Z')),
    ).toEqual({ forecast: 1267.24, elapsedDays: 14.5 });
    // a 31-day month, 10 days in
    expect(
      forecastMonthEnd(100, '2026-12', new Date('2026-12-11T00:00:00Z'))
        .forecast,
    ).toBe(310);
  });

  it('counts at least an hour, and at most the whole month', () => {
    expect(
      forecastMonthEnd(1, '2026-11', new Date('2026-11-01T00:00:10Z')).forecast,
    ).toBe(720);
    expect(
      forecastMonthEnd(500, '2026-11', new Date('2026-12-03T00:00:00Z')),
    ).toEqual({ forecast: 500, elapsedDays: 30 });
  });
});
