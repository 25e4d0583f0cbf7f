import { csvField } from '@internal/plugin-mlp-node';
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
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
