// Calendar arithmetic in UTC: the cost backend counts days and months in UTC.

const DAY_MS = 86_400_000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD` of a time, in UTC. */
export function isoDay(time: Date | number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** `YYYY-MM` of a time, in UTC. */
export function monthOf(time: Date | number): string {
  return isoDay(time).slice(0, 7);
}

/** Start of a `YYYY-MM` month, in ms since the epoch. */
export function monthStartMs(month: string): number {
  return Date.parse(`${month}-01T00:00:00Z`);
}

/** The `YYYY-MM` month after another. */
export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${pad(m + 1)}`;
}

export function daysInMonth(month: string): number {
  return Math.round(
    (monthStartMs(nextMonth(month)) - monthStartMs(month)) / DAY_MS,
  );
}

/** A month's own range: its first day to the first day of the next, `to` exclusive. */
export function monthRange(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: `${nextMonth(month)}-01` };
}

/** "November", or "November 2026" with the year. */
export function monthName(month: string, withYear = false): string {
  return new Date(monthStartMs(month)).toLocaleString('en-US', {
    month: 'long',
    year: withYear ? 'numeric' : undefined,
    timeZone: 'UTC',
  });
}

/** Every `YYYY-MM-DD` day in [from, to). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t < end; t += DAY_MS) {
    days.push(isoDay(t));
  }
  return days;
}
