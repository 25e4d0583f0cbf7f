import {
  combineUtilization,
  roundUtilization,
  type GpuUtilization,
  type UtilizationSource,
} from '@internal/plugin-utilization-common';
import {
  GpuUtilizationReader,
  podKey,
} from '@internal/plugin-utilization-node';
import type { LedgerStore } from '../store/CostStore';
import { COMPUTE_UNITS, type Allocation } from './costMath';

/** A team's utilization over a range, split like its cost lines. */
export type TeamUtilization = {
  source: UtilizationSource;
  total?: GpuUtilization;
  byProject: Map<string, GpuUtilization>;
  byModel: Map<string, GpuUtilization>;
  byUser: Map<string, GpuUtilization>;
  byGpuType: Map<string, GpuUtilization>;
};

/**
 * How busy the GPUs the ledger billed were: each GPU pod of the team that ran in the range is
 * looked up in Prometheus (one set of queries for the team's namespaces), its idle GPU-hours are
 * priced at the rate its GPUs were billed at, and pods are added up per project, model, user and
 * GPU type, as the cost lines are.
 */
export class CostUtilization {
  constructor(
    private readonly options: {
      store: Pick<LedgerStore, 'allocations'>;
      reader: GpuUtilizationReader;
    },
  ) {}

  async ofTeam(
    team: string,
    range: { from: number; to: number; now: number },
  ): Promise<TeamUtilization> {
    const empty = {
      byProject: new Map(),
      byModel: new Map(),
      byUser: new Map(),
      byGpuType: new Map(),
    };
    const end = Math.min(range.to, range.now);
    const gpuAllocations = (
      end > range.from
        ? await this.options.store.allocations(team, range.from, end)
        : []
    ).filter(a => !(a.resource in COMPUTE_UNITS));
    // Only as far back as the first of them started: a shorter window is a cheaper query.
    const firstStart = Math.min(
      ...gpuAllocations.map(a => Date.parse(a.startedAt)),
    );
    const answer = await this.options.reader.pods(
      { namespaces: [...new Set(gpuAllocations.map(a => a.namespace))] },
      { from: new Date(Math.max(range.from, firstStart)), to: new Date(end) },
    );
    if (!answer.pods) return { source: answer.source, ...empty };
    // A pod is measured once, with the first GPU resource it was billed for.
    const measured = new Map<string, { a: Allocation; u: GpuUtilization }>();
    for (const a of gpuAllocations) {
      const key = podKey(a.namespace, a.pod);
      const u = answer.pods.get(key);
      if (!u || measured.has(key)) continue;
      measured.set(key, {
        a,
        u: { ...u, idleCost: u.idleGpuHours * a.hourlyRate },
      });
    }
    const split = (dimension: (a: Allocation) => string) => {
      const groups = new Map<string, GpuUtilization[]>();
      for (const { a, u } of measured.values()) {
        groups.set(dimension(a), [...(groups.get(dimension(a)) ?? []), u]);
      }
      return new Map(
        [...groups].map(([k, parts]) => [
          k,
          roundUtilization(combineUtilization(parts)!),
        ]),
      );
    };
    const total = combineUtilization([...measured.values()].map(m => m.u));
    return {
      source: answer.source,
      ...(total ? { total: roundUtilization(total) } : {}),
      byProject: split(a => a.project),
      byModel: split(a => a.model),
      byUser: split(a => a.user),
      byGpuType: split(a => a.resource),
    };
  }
}
