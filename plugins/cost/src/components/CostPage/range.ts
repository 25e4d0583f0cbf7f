import { MAX_RANGE_DAYS } from '@internal/plugin-cost-common';
import { isoDay, monthOf, monthRange } from '../shared/dates';

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** This month (UTC): its first day to the first day of the next, `to` exclusive. */
export function defaultRange(now: Date): { from: string; to: string } {
  return monthRange(monthOf(now));
}

function parseDay(day: string): number | undefined {
  if (!DAY.test(day)) {
    return undefined;
  }
  const time = Date.parse(`${day}T00:00:00Z`);
  // 2026-02-31 parses to March; only a day that round-trips is a real date
  return Number.isNaN(time) || isoDay(time) !== day ? undefined : time;
}

/**
 * What is wrong with a range before it is sent, in the words of the form. The checks are the
 * backend's rangeQuerySchema's: from before to, at most MAX_RANGE_DAYS days.
 */
export function rangeProblem(from: string, to: string): string | undefined {
  const start = parseDay(from);
  const end = parseDay(to);
  if (start === undefined) {
    return 'From must be a date such as 2026-11-01';
  }
  if (end === undefined) {
    return 'To must be a date such as 2026-12-01';
  }
  if (start >= end) {
    return 'From must be before To (To is the first day not counted)';
  }
  const days = Math.round((end - start) / DAY_MS);
  if (days > MAX_RANGE_DAYS) {
    return `The range covers ${days} days; choose at most ${MAX_RANGE_DAYS}`;
  }
  return undefined;
}
