// Pure functions: GPU-hours and cost of allocations over a time range.
import type {
  ComputeLine,
  CostLine,
  DailyCost,
} from '@internal/plugin-cost-common';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Resources priced besides GPUs, and the unit their hours are counted in. */
export const COMPUTE_UNITS: Record<string, string> = {
  cpu: 'core-hours',
  memory: 'GiB-hours',
};

/** One row of the ledger, with its end when it has one. */
export type Allocation = {
  podUid: string;
  resource: string;
  team: string;
  namespace: string;
  pod: string;
  project: string;
  model: string;
  user: string;
  reservationId?: string;
  /** GPUs for a GPU resource; cores for `cpu`; GiB for `memory`. */
  units: number;
  /** Per unit-hour. */
  hourlyRate: number;
  startedAt: string;
  endedAt?: string;
};

/** Money is summed exactly and rounded to cents once, where it is shown. */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** Hours of [start, end) that fall in [from, to); open allocations run until `now`. */
export function overlapHours(
  allocation: Pick<Allocation, 'startedAt' | 'endedAt'>,
  from: number,
  to: number,
  now: number,
): number {
  const start = Math.max(Date.parse(allocation.startedAt), from);
  const end = Math.min(
    allocation.endedAt ? Date.parse(allocation.endedAt) : now,
    to,
  );
  return end > start ? (end - start) / HOUR_MS : 0;
}

/** What one allocation cost over [from, to): GPU-hours × its rate, not yet rounded. */
export function costOf(
  allocation: Allocation,
  range: { from: number; to: number; now: number },
): number {
  const hours = overlapHours(allocation, range.from, range.to, range.now);
  return hours * allocation.units * allocation.hourlyRate;
}

/**
 * GPU-hours and cost of one team on one UTC day for one project, model, user and GPU type: what
 * the daily roll-up stores, and what summaries are added up from. Not rounded.
 */
export type Slice = {
  day: string;
  project: string;
  model: string;
  user: string;
  resource: string;
  /** GPU-hours; core-hours or GiB-hours for `cpu` and `memory`. */
  unitHours: number;
  cost: number;
};

const sliceKey = (s: Omit<Slice, 'unitHours' | 'cost'>) =>
  JSON.stringify([s.day, s.project, s.model, s.user, s.resource]);

/** Splits allocations over the UTC days of [from, to) they touch, summed per day and dimension. */
export function slicesOf(
  allocations: Allocation[],
  range: { from: number; to: number; now: number },
): Slice[] {
  const slices = new Map<string, Slice>();
  for (const a of allocations) {
    const first = Math.floor(
      Math.max(Date.parse(a.startedAt), range.from) / DAY_MS,
    );
    const end = Math.min(
      a.endedAt ? Date.parse(a.endedAt) : range.now,
      range.to,
    );
    for (let d = first; d * DAY_MS < end; d++) {
      const from = Math.max(d * DAY_MS, range.from);
      const to = Math.min((d + 1) * DAY_MS, range.to);
      const hours = overlapHours(a, from, to, range.now);
      if (hours === 0) continue;
      const key = {
        day: new Date(d * DAY_MS).toISOString().slice(0, 10),
        project: a.project,
        model: a.model,
        user: a.user,
        resource: a.resource,
      };
      const k = sliceKey(key);
      const slice = slices.get(k) ?? { ...key, unitHours: 0, cost: 0 };
      slice.unitHours += hours * a.units;
      slice.cost += hours * a.units * a.hourlyRate;
      slices.set(k, slice);
    }
  }
  return [...slices.values()];
}

/**
 * The totals, daily series and breakdowns of slices, rounded once here. Costs include CPU and
 * memory when they are priced; GPU-hours count GPUs only, and CPU and memory get lines of their own.
 */
export function summariseSlices(slices: Slice[]) {
  const daily = new Map<string, DailyCost>();
  const by = {
    project: new Map<string, CostLine>(),
    model: new Map<string, CostLine>(),
    user: new Map<string, CostLine>(),
    resource: new Map<string, CostLine>(),
    compute: new Map<string, CostLine>(),
  };
  const add = (
    map: Map<string, CostLine>,
    key: string,
    hours: number,
    cost: number,
  ) => {
    const line = map.get(key) ?? { key, gpuHours: 0, cost: 0 };
    line.gpuHours += hours;
    line.cost += cost;
    map.set(key, line);
  };
  let gpuHours = 0;
  let cost = 0;
  for (const s of slices) {
    const compute = s.resource in COMPUTE_UNITS;
    const hours = compute ? 0 : s.unitHours;
    gpuHours += hours;
    cost += s.cost;
    add(by.project, s.project, hours, s.cost);
    add(by.model, s.model, hours, s.cost);
    add(by.user, s.user, hours, s.cost);
    if (compute) add(by.compute, s.resource, s.unitHours, s.cost);
    else add(by.resource, s.resource, hours, s.cost);
    const entry = daily.get(s.day) ?? { day: s.day, gpuHours: 0, cost: 0 };
    entry.gpuHours += hours;
    entry.cost += s.cost;
    daily.set(s.day, entry);
  }
  const lines = (map: Map<string, CostLine>) =>
    [...map.values()]
      .map(l => ({
        key: l.key,
        gpuHours: round3(l.gpuHours),
        cost: cents(l.cost),
      }))
      .sort((x, y) => y.cost - x.cost || x.key.localeCompare(y.key));
  return {
    gpuHours: round3(gpuHours),
    cost: cents(cost),
    daily: [...daily.values()]
      .map(d => ({
        day: d.day,
        gpuHours: round3(d.gpuHours),
        cost: cents(d.cost),
      }))
      .sort((x, y) => x.day.localeCompare(y.day)),
    byProject: lines(by.project),
    byModel: lines(by.model),
    byUser: lines(by.user),
    byGpuType: lines(by.resource),
    byComputeResource: lines(by.compute).map(
      (l): ComputeLine => ({
        key: l.key,
        unit: COMPUTE_UNITS[l.key],
        unitHours: l.gpuHours,
        cost: l.cost,
      }),
    ),
  };
}

/** The totals and breakdowns of allocations over [from, to). */
export function summarise(
  allocations: Allocation[],
  range: { from: number; to: number; now: number },
) {
  return summariseSlices(slicesOf(allocations, range));
}

/** The UTC day (`YYYY-MM-DD`) of a timestamp. */
export function dayOf(at: number | string): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Midnight UTC of a `YYYY-MM-DD` day, in ms. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** [start, end) of a `YYYY-MM` month in UTC. */
export function monthRange(month: string): { from: number; to: number } {
  const [y, m] = month.split('-').map(Number);
  return { from: Date.UTC(y, m - 1, 1), to: Date.UTC(y, m, 1) };
}

export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}
