import { formatAgo } from '@internal/plugin-mlp-react';

/** A date-time as people read it here: 2026-11-20 10:00 UTC. */
export function formatTime(ms?: number): string {
  if (!ms) return '—';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** When a run started, relative to now ("5 min ago"); "—" when MLflow has no start time. */
export function formatStarted(ms?: number): string {
  return ms ? formatAgo(new Date(ms).toISOString()) : '—';
}

/** 30 s, 4 min 10 s, 2 h 5 min. */
export function formatDuration(ms?: number): string {
  if (ms === undefined) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const h = Math.floor(m / 60);
  return `${h} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/** A metric value with up to four significant decimals. */
export function formatMetric(value?: number): string {
  if (value === undefined) return '—';
  return Number.isInteger(value)
    ? String(value)
    : value.toLocaleString('en-US', { maximumFractionDigits: 4 });
}
