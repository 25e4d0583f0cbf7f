import { formatMoney, formatRuntime, submitterName } from './format';

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

  it('names the submitter', () => {
    expect(submitterName('user:default/alex.kim')).toBe('alex.kim');
    expect(submitterName('alex.kim')).toBe('alex.kim');
    expect(submitterName('user:alex.kim')).toBe('alex.kim');
    expect(submitterName('')).toBe('unknown');
  });
});
