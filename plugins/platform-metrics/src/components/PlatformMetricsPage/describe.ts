import type {
  JobFigures,
  PlatformMetrics,
} from '@internal/plugin-platform-metrics-common';
import { formatDuration } from '@internal/plugin-mlp-react';

/** "3 of 4 (75 %)"; "no members" without any. */
export function formatAdoption(a: {
  members: number;
  adopters: number;
  adoptionRate?: number;
}): string {
  if (a.adoptionRate === undefined) return 'no members';
  return `${a.adopters} of ${a.members} (${Math.round(
    a.adoptionRate * 100,
  )} %)`;
}

/** "4 by 3 people"; "—" when Coder could not say. */
export function formatWorkspaces(f: JobFigures): string {
  if (f.workspacesUsed === undefined) return '—';
  const people = f.workspaceUsers ?? 0;
  return `${f.workspacesUsed} by ${people} ${
    people === 1 ? 'person' : 'people'
  }`;
}

export const formatHours = (hours: number) =>
  hours.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** "12 s (median 8 s)", or "—" when no job started. */
export function formatQueueWait(f: JobFigures): string {
  if (f.averageQueueWaitSeconds === undefined) return '—';
  return `${formatDuration(f.averageQueueWaitSeconds)} (median ${formatDuration(
    f.medianQueueWaitSeconds,
  )})`;
}

/** The overall figures, labelled, in the order a keeper reads them. */
export function overallFigures(m: PlatformMetrics) {
  const o = m.overall;
  return [
    { label: 'Jobs submitted', value: o.submitted },
    { label: 'Succeeded', value: o.succeeded },
    { label: 'Failed', value: o.failed },
    { label: 'Cancelled', value: o.cancelled },
    { label: 'Users who submitted', value: o.uniqueUsers },
    { label: 'GPU-hours', value: formatHours(o.gpuHours) },
    {
      label: 'Average runtime',
      value: formatDuration(o.averageRuntimeSeconds),
    },
    { label: 'Queue wait (average)', value: formatQueueWait(o) },
    { label: 'Adoption', value: formatAdoption(o) },
    { label: 'Workspaces used', value: formatWorkspaces(o) },
    {
      label: 'Time to first job (median)',
      value: formatDuration(o.medianTimeToFirstJobSeconds),
    },
  ];
}
