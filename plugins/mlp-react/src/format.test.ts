import { ResponseError } from '@backstage/errors';
import { formatMoney } from './money';
import { responseStatus } from './responseStatus';
import { formatAgo, formatDateTime, formatDuration } from './time';
import { userName } from './userName';

describe('formatAgo', () => {
  const now = Date.parse('2026-11-15T12:00:00Z');
  it.each([
    ['2026-11-15T11:59:55Z', 'just now'],
    ['2026-11-15T11:59:30Z', '30 s ago'],
    ['2026-11-15T11:55:00Z', '5 min ago'],
    ['2026-11-15T09:00:00Z', '3 h ago'],
    ['2026-11-11T12:00:00Z', '4 days ago'],
    ['2026-11-15T12:00:05Z', 'just now'],
    ['not a date', '—'],
  ])('writes %s as %s', (iso, text) => {
    expect(formatAgo(iso, now)).toBe(text);
  });
});

describe('formatMoney', () => {
  it('writes two decimals and the currency', () => {
    expect(formatMoney(12.5, 'EUR')).toBe('12.50 EUR');
    expect(formatMoney(1234.567, 'USD')).toBe('1,234.57 USD');
  });
});

describe('formatDateTime', () => {
  it('keeps text that is no time as it is', () => {
    expect(formatDateTime('soon')).toBe('soon');
    expect(formatDateTime('2026-11-15T12:00:00Z')).toMatch(/2026/);
  });
});

describe('responseStatus', () => {
  it("is a backend answer's status, and nothing for other errors", async () => {
    const answer = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({ error: { name: 'NotFoundError', message: 'gone' } }),
        {
          status: 404,
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );
    expect(responseStatus(answer)).toBe(404);
    expect(responseStatus(new Error('network'))).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [undefined, '—'],
    [42.4, '42 s'],
    [720, '12 min'],
    [250, '4 min 10 s'],
    [3 * 3600 + 5 * 60, '3 h 5 min'],
    [52 * 3600, '2 days 4 h'],
    [48 * 3600 + 59, '2 days'],
  ])('writes %p s as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('userName', () => {
  it.each([
    ['user:default/amira.haddad', 'amira.haddad'],
    ['', 'unknown'],
    ['plain', 'plain'],
  ])('names %p %p', (ref, name) => {
    expect(userName(ref)).toBe(name);
  });
});
