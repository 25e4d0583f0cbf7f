import { rangeQuerySchema } from '@internal/plugin-cost-common';
import { defaultRange, rangeProblem } from './range';

describe('defaultRange', () => {
  it('is this UTC month, to exclusive, across a year end', () => {
    expect(defaultRange(new Date('2026-11-15T12:00:00Z'))).toEqual({
      from: '2026-11-01',
      to: '2026-12-01',
    });
    expect(defaultRange(new Date('2026-12-31T23:59:59Z'))).toEqual({
      from: '2026-12-01',
      to: '2027-01-01',
    });
  });
});

describe('rangeProblem', () => {
  it.each([
    ['2026-11-01', '2026-12-01'],
    ['2026-11-30', '2026-12-01'],
    ['2025-11-30', '2026-12-01'], // 366 days
    ['2026-12-01', '2026-12-01'],
    ['2026-12-02', '2026-12-01'],
    ['2025-11-29', '2026-12-01'], // 367 days
    ['', '2026-12-01'],
    ['2026-11-01', ''],
    ['2026-02-31', '2026-12-01'],
  ])('agrees with the backend schema on %s .. %s', (from, to) => {
    // the backend's own check, for days that are real dates
    const backendAccepts =
      rangeQuerySchema.safeParse({ from, to }).success &&
      !Number.isNaN(Date.parse(`${from}T00:00:00Z`)) &&
      new Date(`${from}T00:00:00Z`).toISOString().startsWith(from);
    expect(rangeProblem(from, to) === undefined).toBe(backendAccepts);
  });

  it('names what is wrong', () => {
    expect(rangeProblem('2026-12-01', '2026-11-01')).toBe(
      'From must be before To (To is the first day not counted)',
    );
    expect(rangeProblem('2025-01-01', '2026-12-01')).toBe(
      'The range covers 699 days; choose at most 366',
    );
    expect(rangeProblem('', '2026-12-01')).toBe(
      'From must be a date such as 2026-11-01',
    );
    expect(rangeProblem('2026-11-01', '2026-13-01')).toBe(
      'To must be a date such as 2026-12-01',
    );
  });
});
