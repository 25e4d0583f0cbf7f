import { formatAgo, formatMoney, formatRuntime, submitterName } from './format';

describe('format', () => {
  it('writes run times as h:mm:ss', () => {
    expect(formatRuntime(0)).toBe('0:00:00');
    expect(formatRuntime(59.9)).toBe('0:00:59');
    expect(formatRuntime(3723)).toBe('1:02:03');
    expect(formatRuntime(26 * 3600)).toBe('26:00:00');
    expect(formatRuntime(-5)).toBe('0:00:00');
  });

  it('writes money with two decimals and the currency', () => {
    expect(formatMoney(12.5, 'EUR')).toBe('12.50 EUR');
    expect(formatMoney(1234.567, 'USD')).toBe('1,234.57 USD');
  });

  it('writes how long ago', () => {
    const now = Date.parse('2026-11-15T12:00:00Z');
    expect(formatAgo('2026-11-15T11:59:55Z', now)).toBe('just now');
    expect(formatAgo('2026-11-15T11:59:30Z', now)).toBe('30 s ago');
    expect(formatAgo('2026-11-15T11:55:00Z', now)).toBe('5 min ago');
    expect(formatAgo('2026-11-15T09:00:00Z', now)).toBe('3 h ago');
    expect(formatAgo('2026-11-11T12:00:00Z', now)).toBe('4 days ago');
    expect(formatAgo('not a date', now)).toBe('—');
  });

  it('names the submitter', () => {
    expect(submitterName('user:default/alex.kim')).toBe('alex.kim');
    expect(submitterName('alex.kim')).toBe('alex.kim');
    expect(submitterName('user:alex.kim')).toBe('alex.kim');
    expect(submitterName('')).toBe('unknown');
  });
});
