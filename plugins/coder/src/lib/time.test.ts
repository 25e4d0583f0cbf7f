import { formatAgo, formatMoney } from './time';

describe('formatAgo', () => {
  const now = Date.parse('2026-11-20T12:00:00Z');
  it.each([
    ['2026-11-20T11:59:58Z', 'just now'],
    ['2026-11-20T11:59:30Z', '30 s ago'],
    ['2026-11-20T11:55:00Z', '5 min ago'],
    ['2026-11-20T09:00:00Z', '3 h ago'],
    ['2026-11-16T12:00:00Z', '4 days ago'],
    ['2026-11-20T12:00:05Z', 'just now'],
    ['never', '—'],
  ])('%s is %s', (iso, text) => {
    expect(formatAgo(iso, now)).toBe(text);
  });
});

describe('formatMoney', () => {
  it('formats known currencies and keeps unknown ones readable', () => {
    expect(formatMoney(12.5, 'USD')).toMatch(/12\.50/);
    expect(formatMoney(12.5, 'not-a-currency')).toBe('12.5 not-a-currency');
  });
});
