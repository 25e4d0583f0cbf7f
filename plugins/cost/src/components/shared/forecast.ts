import { daysInMonth, monthStartMs } from './dates';
import { cents } from './format';

const HOUR_MS = 3_600_000;

/**
 * The month's spend at its end if it goes on at the month-to-date pace: a straight line through
 * the spend so far. Less than an hour into the month counts as an hour, so the first minutes
 * do not multiply a few cents into a fortune.
 */
export function forecastMonthEnd(
  spent: number,
  month: string,
  now: Date,
): { forecast: number; elapsedDays: number } {
  const start = monthStartMs(month);
  const length = daysInMonth(month) * 24 * HOUR_MS;
  const elapsed = Math.min(length, Math.max(HOUR_MS, now.getTime() - start));
  return {
    forecast: cents((spent * length) / elapsed),
    elapsedDays: elapsed / (24 * HOUR_MS),
  };
}
