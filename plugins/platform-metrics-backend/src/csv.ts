import { csvField } from '@internal/plugin-mlp-node';
import type {
  JobFigures,
  PlatformMetrics,
} from '@internal/plugin-platform-metrics-common';

const FIGURES: Array<keyof JobFigures> = [
  'submitted',
  'succeeded',
  'failed',
  'cancelled',
  'unfinished',
  'uniqueUsers',
  'gpuHours',
  'averageRuntimeSeconds',
  'averageQueueWaitSeconds',
  'medianQueueWaitSeconds',
  'workspacesUsed',
  'workspaceUsers',
];

/**
 * The figures as CSV, one row per scope with the same columns: overall, each team, each week,
 * then each new user's time to first job. An absent figure is an empty field.
 */
export function metricsCsv(metrics: PlatformMetrics): string {
  const value = (v: number | string | undefined) => v ?? '';
  const rows: Array<Array<string | number>> = [
    [
      'scope',
      'key',
      ...FIGURES,
      'members',
      'adopters',
      'adoption_rate',
      'first_sign_in_at',
      'first_running_at',
      'time_to_first_job_seconds',
    ],
    [
      'overall',
      `${metrics.from}..${metrics.to}`,
      ...FIGURES.map(f => value(metrics.overall[f])),
      metrics.overall.members,
      metrics.overall.adopters,
      value(metrics.overall.adoptionRate),
      '',
      '',
      value(metrics.overall.medianTimeToFirstJobSeconds),
    ],
    ...metrics.teams.map(t => [
      'team',
      t.team,
      ...FIGURES.map(f => value(t[f])),
      t.members,
      t.adopters,
      value(t.adoptionRate),
      '',
      '',
      '',
    ]),
    ...metrics.weeks.map(w => [
      'week',
      w.week,
      ...FIGURES.map(f => value(w[f])),
      '',
      '',
      '',
      '',
      '',
      '',
    ]),
    ...metrics.newUsers.map(u => [
      'new_user',
      u.userEntityRef,
      ...FIGURES.map(() => ''),
      '',
      '',
      '',
      u.firstSignInAt,
      value(u.firstRunningAt),
      value(u.seconds),
    ]),
  ];
  return `${rows.map(r => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
