import type { QuotaEvent } from '@internal/plugin-gpu-quota-common';

const HEADER = [
  'at',
  'request_id',
  'team',
  'action',
  'actor',
  'comment',
  'details',
];

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formula starts defused. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The audit trail as CSV, for spreadsheets and compliance reviews. */
export function auditCsv(events: QuotaEvent[]): string {
  const lines = [HEADER.join(',')];
  for (const e of events) {
    lines.push(
      [
        e.at,
        e.requestId,
        e.team,
        e.action,
        e.actor,
        e.comment ?? '',
        Object.entries(e.details)
          .map(([k, v]) => `${k}=${v}`)
          .join('; '),
      ]
        .map(field)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
