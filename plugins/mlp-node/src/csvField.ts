/**
 * One RFC 4180 field: quoted when it holds a comma, quote or line break. Text that a spreadsheet
 * would run as a formula (= + - @, tab, CR first) is defused with a leading quote; numbers are
 * left as they are.
 */
export function csvField(value: string | number): string {
  const text = String(value);
  const safe =
    typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
