import type { GpuResourceUsage } from '@internal/plugin-gpu-quota-common';

/** Why GPUs do not fit in a team's quota, with the figures a refusal names. */
export type GpuMisfit =
  | { reason: 'not-in-quota'; figures?: GpuResourceUsage }
  | { reason: 'per-job-maximum'; max: number; figures: GpuResourceUsage }
  | { reason: 'no-free-gpus'; figures: GpuResourceUsage };

/**
 * The fit check, the one place it is made: may one job (or workspace) of `gpus` GPUs start in a
 * quota whose figures for the resource are these? Undefined when it fits. In order: the quota has
 * none of the resource, the LimitRange's per-job maximum, then the GPUs not in use. Work that runs
 * as several pods (a deployment's replicas) names the GPUs each pod asks for as `perPod`: the
 * per-job maximum holds for one pod, the free GPUs for all of them.
 */
export function gpuMisfit(
  figures: GpuResourceUsage | undefined,
  gpus: number,
  perPod: number = gpus,
): GpuMisfit | undefined {
  if (gpus <= 0 && perPod <= 0) return undefined;
  if (!figures || figures.hard === 0)
    return { reason: 'not-in-quota', figures };
  if (figures.maxPerJob !== undefined && perPod > figures.maxPerJob) {
    return { reason: 'per-job-maximum', max: figures.maxPerJob, figures };
  }
  if (gpus > figures.available) return { reason: 'no-free-gpus', figures };
  return undefined;
}
