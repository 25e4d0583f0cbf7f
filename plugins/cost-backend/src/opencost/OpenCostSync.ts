import { LoggerService } from '@backstage/backend-plugin-api';
import {
  MODEL_LABEL as MODEL,
  PROJECT_LABEL as PROJECT,
  TEAM_LABEL as TEAM,
  USER_LABEL as USER,
} from '@internal/plugin-mlp-kube-node';
import { dayOf, dayStart, Slice } from '../services/costMath';
import type { LedgerStore, TeamSlice } from '../store/CostStore';
import { OpenCostAllocation, OpenCostClient } from './OpenCostClient';

const DAY_MS = 86_400_000;

/** OpenCost reports labels as Prometheus does: every character but letters and digits is `_`. */
function label(labels: Record<string, string> | undefined, key: string) {
  return labels?.[key] ?? labels?.[key.replace(/[^a-zA-Z0-9]/g, '_')];
}

/**
 * Costs from OpenCost instead of the portal's own ledger: each pass asks OpenCost for every pod's
 * GPU hours and cost per UTC day and replaces those days in the daily roll-up, which summaries
 * and budget checks read. The first pass fills `backfillDays`; later ones redo the last
 * `lookbackDays` (today so far included), as OpenCost settles recent figures.
 */
export class OpenCostSync {
  constructor(
    private readonly client: OpenCostClient,
    private readonly store: Pick<LedgerStore, 'hasRollUps' | 'replaceDays'>,
    private readonly logger: LoggerService,
    private readonly options: {
      backfillDays: number;
      lookbackDays: number;
      now?: () => Date;
    },
  ) {}

  async run(): Promise<{ days: number; rows: number }> {
    const now = this.options.now?.() ?? new Date();
    const today = dayStart(dayOf(now.getTime()));
    const count = (await this.store.hasRollUps())
      ? this.options.lookbackDays
      : this.options.backfillDays;
    const days: string[] = [];
    const rows: TeamSlice[] = [];
    // Asked for all days first: when OpenCost fails on one, nothing is replaced.
    for (let i = count - 1; i >= 0; i--) {
      const from = today - i * DAY_MS;
      const to = Math.min(from + DAY_MS, now.getTime());
      if (to <= from) continue;
      const day = dayOf(from);
      days.push(day);
      const allocations = await this.client.podAllocations(
        new Date(from),
        new Date(to),
      );
      rows.push(...toSlices(day, allocations));
    }
    await this.store.replaceDays(days, rows, dayOf(today + DAY_MS));
    const result = { days: days.length, rows: rows.length };
    this.logger.info('cost figures read from OpenCost', result);
    return result;
  }
}

/** GPU hours and cost of one day's pod allocations, summed per team and dimension. */
export function toSlices(
  day: string,
  allocations: OpenCostAllocation[],
): TeamSlice[] {
  const slices = new Map<string, TeamSlice>();
  for (const a of allocations) {
    const gpuHours = a.gpuHours ?? 0;
    const cost = (a.gpuCost ?? 0) + (a.gpuCostAdjustment ?? 0);
    if (gpuHours === 0 && cost === 0) continue;
    const props = a.properties ?? {};
    const team =
      label(props.namespaceLabels, TEAM) ??
      label(props.labels, TEAM) ??
      props.namespace;
    if (!team) continue;
    const key: Omit<Slice, 'unitHours' | 'cost'> & { team: string } = {
      team,
      day,
      project: label(props.labels, PROJECT) ?? '(none)',
      model: label(props.labels, MODEL) ?? '(none)',
      user: label(props.labels, USER) ?? '(none)',
      // OpenCost does not tell GPU types apart.
      resource: 'gpu (OpenCost)',
    };
    const k = JSON.stringify(Object.values(key));
    const slice = slices.get(k) ?? { ...key, unitHours: 0, cost: 0 };
    slice.unitHours += gpuHours;
    slice.cost += cost;
    slices.set(k, slice);
  }
  return [...slices.values()];
}
