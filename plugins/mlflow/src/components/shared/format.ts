import {
  formatAgo,
  formatDuration as formatSpan,
} from '@internal/plugin-mlp-react';

/** A date-time as people read it here: 2026-11-20 10:00 UTC. */
export function formatTime(ms?: number): string {
  if (!ms) return '—';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** When a run started, relative to now ("5 min ago"); "—" when MLflow has no start time. */
export function formatStarted(ms?: number): string {
  return ms ? formatAgo(new Date(ms).toISOString()) : '—';
}

/** A run's duration from milliseconds: 30 s, 4 min 10 s, 2 h 5 min (the portal's one format). */
export function formatDuration(ms?: number): string {
  return formatSpan(ms === undefined ? undefined : ms / 1000);
}

/** A metric value with up to four significant decimals. */
export function formatMetric(value?: number): string {
  if (value === undefined) return '—';
  return Number.isInteger(value)
    ? String(value)
    : value.toLocaleString('en-US', { maximumFractionDigits: 4 });
}
