import { csvField } from '@internal/plugin-mlp-node';
import type { CostLine, CostSummary } from '@internal/plugin-cost-common';

/** A summary as CSV: one row per day, then one per breakdown line, all with the same columns. */
export function summaryCsv(summary: CostSummary): string {
  const rows: Array<Array<string | number>> = [
    ['section', 'key', 'gpu_hours', `cost_${summary.currency}`],
    ...summary.daily.map(d => ['day', d.day, d.gpuHours, d.cost]),
  ];
  const section = (name: string, lines: CostLine[]) =>
    lines.forEach(l => rows.push([name, l.key, l.gpuHours, l.cost]));
  section('project', summary.byProject);
  section('model', summary.byModel);
  section('user', summary.byUser);
  section('gpu_type', summary.byGpuType);
  // CPU and memory, when priced: the hours column holds core-hours or GiB-hours, named in the key.
  for (const l of summary.byComputeResource) {
    rows.push(['compute', `${l.key} (${l.unit})`, l.unitHours, l.cost]);
  }
  rows.push([
    'total',
    `${summary.from}..${summary.to}`,
    summary.gpuHours,
    summary.cost,
  ]);
  return `${rows.map(r => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
