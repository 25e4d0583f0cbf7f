import type { TeamRunsAnswer } from '@internal/plugin-mlflow-common';
import { csvField } from '@internal/plugin-mlp-node';

/**
 * A team's runs as CSV: one row a run, with what it was, how it went, the GPU time (hours) and
 * cost of the job that made it, and every metric the runs logged (one column each, by name).
 */
export function teamRunsCsv(answer: TeamRunsAnswer): string {
  const metrics = [
    ...new Set(answer.runs.flatMap(r => Object.keys(r.metrics))),
  ].sort();
  const iso = (ms?: number) => (ms ? new Date(ms).toISOString() : '');
  const rows: Array<Array<string | number>> = [
    [
      'run_id',
      'run_name',
      'experiment',
      'status',
      'started',
      'ended',
      'user',
      'job_id',
      'gpus',
      'gpu_hours',
      'cost',
      'currency',
      ...metrics.map(m => `metric:${m}`),
    ],
    ...answer.runs.map(r => [
      r.runId,
      r.runName,
      r.experimentName,
      r.status,
      iso(r.startTime),
      iso(r.endTime),
      r.user ?? '',
      r.jobId ?? '',
      r.gpus ?? '',
      r.gpuSeconds === undefined
        ? ''
        : Math.round((r.gpuSeconds / 3600) * 10000) / 10000,
      r.cost ?? '',
      r.currency ?? '',
      ...metrics.map(m => r.metrics[m] ?? ''),
    ]),
  ];
  return `${rows.map(r => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
