import { csvField } from '@internal/plugin-mlp-node';
import type { CostLine, CostSummary } from '@internal/plugin-cost-common';
import type { GpuUtilization } from '@internal/plugin-utilization-common';

/**
 * A summary as CSV: one row per day, then one per breakdown line, all with the same columns. The
 * utilization columns are filled for breakdown lines and the total when Prometheus measured
 * them, and empty otherwise (days, CPU and memory, or nothing measured).
 */
export function summaryCsv(summary: CostSummary): string {
  const ccy = summary.currency;
  const utilization = (u?: GpuUtilization) =>
    u
      ? [u.averagePercent, u.peakPercent, u.idleGpuHours, u.idleCost ?? '']
      : ['', '', '', ''];
  const rows: Array<Array<string | number>> = [
    [
      'section',
      'key',
      'gpu_hours',
      `cost_${ccy}`,
      'avg_gpu_util_pct',
      'peak_gpu_util_pct',
      'idle_gpu_hours',
      `idle_cost_${ccy}`,
    ],
    ...summary.daily.map(d => [
      'day',
      d.day,
      d.gpuHours,
      d.cost,
      ...utilization(),
    ]),
  ];
  const section = (name: string, lines: CostLine[]) =>
    lines.forEach(l =>
      rows.push([
        name,
        l.key,
        l.gpuHours,
        l.cost,
        ...utilization(l.utilization),
      ]),
    );
  section('project', summary.byProject);
  section('model', summary.byModel);
  section('user', summary.byUser);
  section('gpu_type', summary.byGpuType);
  // CPU and memory, when priced: the hours column holds core-hours or GiB-hours, named in the key.
  for (const l of summary.byComputeResource) {
    rows.push([
      'compute',
      `${l.key} (${l.unit})`,
      l.unitHours,
      l.cost,
      ...utilization(),
    ]);
  }
  rows.push([
    'total',
    `${summary.from}..${summary.to}`,
    summary.gpuHours,
    summary.cost,
    ...utilization(summary.utilization),
  ]);
  return `${rows.map(r => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
