// Pure functions: a team's GPU figures from the objects the API server lists.
import type {
  GpuResourceUsage,
  GpuWorkload,
  TeamGpuQuota,
} from '@internal/plugin-gpu-quota-common';
import {
  TEAM_LABEL,
  gpuCount,
  isGpuResource,
  type KubeObject,
  type Pod,
  podGpus,
} from '@internal/plugin-mlp-kube-node';

export { TEAM_LABEL };
/** The resource a quota key limits: `requests.nvidia.com/gpu` and `nvidia.com/gpu` both count. */
export function resourceOfQuotaKey(key: string): string | undefined {
  const name = key.startsWith('requests.')
    ? key.slice('requests.'.length)
    : key;
  return isGpuResource(name) ? name : undefined;
}

/** The quota key under which a GPU resource is limited (extended resources only allow `requests.`). */
export function quotaKeyOf(resource: string): string {
  return `requests.${resource}`;
}

type Quota = KubeObject & {
  spec?: { hard?: Record<string, string> };
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
};
type LimitRange = KubeObject & {
  spec?: {
    limits?: Array<{ type?: string; max?: Record<string, string> }>;
  };
};
function workloadOf(pod: Pod): GpuWorkload | undefined {
  const gpus = podGpus(pod);
  if (Object.keys(gpus).length === 0) return undefined;
  const owner = pod.metadata.ownerReferences?.[0];
  return {
    pod: pod.metadata.name,
    owner: owner ? { kind: owner.kind, name: owner.name } : undefined,
    gpus,
    phase: pod.status?.phase ?? 'Pending',
    since: pod.status?.startTime ?? pod.metadata.creationTimestamp ?? '',
  };
}

/** used/hard; a resource with a zero quota is full as soon as anything uses it. */
function pressureOf(r: GpuResourceUsage): number {
  if (r.hard > 0) return r.used / r.hard;
  return r.used > 0 ? 1 : 0;
}

/** Per-container GPU maxima of the namespace's LimitRanges; the tightest wins. */
function maxPerJob(limitRanges: LimitRange[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const range of limitRanges) {
    for (const limit of range.spec?.limits ?? []) {
      if (limit.type !== 'Container') continue;
      for (const [name, value] of Object.entries(limit.max ?? {})) {
        const count = gpuCount(value);
        if (isGpuResource(name) && !Number.isNaN(count)) {
          out[name] = Math.min(out[name] ?? Infinity, count);
        }
      }
    }
  }
  return out;
}

/**
 * The teams' GPU quotas: one entry per team that has a ResourceQuota labelled with its name and
 * at least one GPU resource in it. `used` comes from the quota's status (what admission counts);
 * the workloads list says who holds them.
 */
export function teamQuotas(input: {
  quotas: KubeObject[];
  limitRanges: KubeObject[];
  pods: KubeObject[];
}): TeamGpuQuota[] {
  const teams = new Map<
    string,
    { namespace: string; resources: Map<string, GpuResourceUsage> }
  >();
  for (const quota of input.quotas as Quota[]) {
    const team = quota.metadata.labels?.[TEAM_LABEL];
    const namespace = quota.metadata.namespace;
    if (!team || !namespace) continue;
    const entry = teams.get(team) ?? { namespace, resources: new Map() };
    for (const [key, value] of Object.entries(quota.spec?.hard ?? {})) {
      const resource = resourceOfQuotaKey(key);
      const hard = gpuCount(value);
      if (!resource || Number.isNaN(hard)) continue;
      const usedCount = gpuCount(quota.status?.used?.[key] ?? '0');
      const used = Number.isNaN(usedCount) ? 0 : usedCount;
      const previous = entry.resources.get(resource);
      // Two quotas on one resource: the tighter one is what admission enforces.
      if (!previous || hard < previous.hard) {
        entry.resources.set(resource, {
          resource,
          hard,
          used,
          available: Math.max(0, hard - used),
        });
      }
    }
    if (entry.resources.size > 0) teams.set(team, entry);
  }

  const byNamespace = (items: KubeObject[], namespace: string) =>
    items.filter(item => item.metadata.namespace === namespace);

  return [...teams.entries()]
    .map(([team, { namespace, resources }]) => {
      const maxima = maxPerJob(
        byNamespace(input.limitRanges, namespace) as LimitRange[],
      );
      const usage = [...resources.values()]
        .map(r => ({
          ...r,
          ...(r.resource in maxima ? { maxPerJob: maxima[r.resource] } : {}),
        }))
        .sort((a, b) => a.resource.localeCompare(b.resource));
      const workloads = byNamespace(input.pods, namespace)
        .map(pod => workloadOf(pod as Pod))
        .filter((w): w is GpuWorkload => w !== undefined)
        .sort(
          (a, b) =>
            a.since.localeCompare(b.since) || a.pod.localeCompare(b.pod),
        );
      const pressure = Math.max(0, ...usage.map(pressureOf));
      return { team, namespace, resources: usage, workloads, pressure };
    })
    .sort((a, b) => a.team.localeCompare(b.team));
}
