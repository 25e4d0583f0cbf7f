import { forecastMonthEnd } from './forecast';

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
