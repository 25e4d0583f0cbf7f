// GPUs in Kubernetes objects: which extended resources are GPUs, and how many a pod holds.
import type { KubeObject } from './types';

/** Extended resources that are GPUs or slices of one (MIG profiles are `nvidia.com/mig-*`). */
const GPU_RESOURCE =
  /^(nvidia\.com|amd\.com|gpu\.intel\.com)\/[a-z0-9][-a-z0-9_.]*$/i;

export function isGpuResource(name: string): boolean {
  return GPU_RESOURCE.test(name);
}

/** GPUs are whole counts; anything else (e.g. `500m`) is not a GPU figure and reads as NaN. */
export function gpuCount(quantity: unknown): number {
  if (typeof quantity === 'number') return quantity;
  if (typeof quantity !== 'string' || !/^\d+$/.test(quantity.trim())) {
    return Number.NaN;
  }
  return Number(quantity.trim());
}

type Container = {
  resources?: {
    requests?: Record<string, string>;
    limits?: Record<string, string>;
  };
};
export type Pod = KubeObject & {
  metadata: KubeObject['metadata'] & { deletionTimestamp?: string };
  spec?: {
    containers?: Container[];
    initContainers?: Container[];
    nodeName?: string;
  };
  status?: {
    phase?: string;
    startTime?: string;
    containerStatuses?: Array<{
      state?: { terminated?: { finishedAt?: string } };
    }>;
    conditions?: Array<{
      type: string;
      status?: string;
      lastTransitionTime?: string;
    }>;
  };
};

/** GPUs one container asks for: its requests, or its limits (extended resources default to them). */
function containerGpus(container: Container): Record<string, number> {
  const out: Record<string, number> = {};
  const asked = {
    ...container.resources?.limits,
    ...container.resources?.requests,
  };
  for (const [name, value] of Object.entries(asked)) {
    const count = gpuCount(value);
    if (isGpuResource(name) && count > 0) out[name] = count;
  }
  return out;
}

/**
 * GPUs a pod holds, the way the scheduler and the quota count them: the sum over its containers,
 * or the largest init container when that is more (init containers run one at a time).
 */
export function podGpus(pod: Pod): Record<string, number> {
  const total: Record<string, number> = {};
  for (const container of pod.spec?.containers ?? []) {
    for (const [name, n] of Object.entries(containerGpus(container))) {
      total[name] = (total[name] ?? 0) + n;
    }
  }
  for (const init of pod.spec?.initContainers ?? []) {
    for (const [name, n] of Object.entries(containerGpus(init))) {
      total[name] = Math.max(total[name] ?? 0, n);
    }
  }
  return total;
}
