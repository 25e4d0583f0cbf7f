import type { GpuUtilization } from './types';

/**
 * The utilization of several GPU sets together: the average weighted by the GPU-hours measured,
 * the highest peak, idle GPU-hours and idle cost added up. Undefined when none was measured.
 */
export function combineUtilization(
  parts: Array<GpuUtilization | undefined>,
): GpuUtilization | undefined {
  const measured = parts.filter((p): p is GpuUtilization => p !== undefined);
  if (measured.length === 0) return undefined;
  const hours = measured.reduce((sum, p) => sum + p.measuredGpuHours, 0);
  const weighted = measured.reduce(
    (sum, p) => sum + p.averagePercent * p.measuredGpuHours,
    0,
  );
  const memory = measured
    .map(p => p.peakMemoryMiB)
    .filter((m): m is number => m !== undefined);
  const costs = measured
    .map(p => p.idleCost)
    .filter((c): c is number => c !== undefined);
  return {
    averagePercent: hours > 0 ? weighted / hours : 0,
    peakPercent: Math.max(...measured.map(p => p.peakPercent)),
    measuredGpuHours: hours,
    idleGpuHours: measured.reduce((sum, p) => sum + p.idleGpuHours, 0),
    ...(costs.length ? { idleCost: costs.reduce((a, b) => a + b, 0) } : {}),
    ...(memory.length ? { peakMemoryMiB: Math.max(...memory) } : {}),
  };
}

/** Figures as they are shown and sent: % to one decimal, hours to three, money to cents. */
export function roundUtilization(u: GpuUtilization): GpuUtilization {
  const r = (n: number, digits: number) =>
    Math.round(n * 10 ** digits) / 10 ** digits;
  return {
    averagePercent: r(u.averagePercent, 1),
    peakPercent: r(u.peakPercent, 1),
    measuredGpuHours: r(u.measuredGpuHours, 3),
    idleGpuHours: r(u.idleGpuHours, 3),
    ...(u.idleCost !== undefined ? { idleCost: r(u.idleCost, 2) } : {}),
    ...(u.peakMemoryMiB !== undefined
      ? { peakMemoryMiB: u.peakMemoryMiB }
      : {}),
  };
}
