// Test-only: pods that really run on the local cluster's simulated node pool
// (services/kube/cluster/gpu-nodes.yaml). The scheduler places them and KWOK starts and ends them
// as a kubelet would (the pod Stages in services/kube/cluster/kwok-stages.yaml); nothing here
// writes a pod's status.
import * as k8s from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { isGpuResource } from '../gpus';
import { core } from './teamObjects';

/** GPU nodes carry this NoSchedule taint; only pods that tolerate it run there. */
export const GPU_TOLERATION: k8s.V1Toleration = {
  key: 'nvidia.com/gpu',
  operator: 'Exists',
  effect: 'NoSchedule',
};

/** What KWOK's pod stages read: how long a pod runs, and how it ends. */
import {
  GPU_PRODUCT_LABEL,
  SIMULATED_EXIT_CODE,
  SIMULATED_FAILURE,
  SIMULATED_GPU_UTIL,
  SIMULATED_RUNTIME,
} from '../labels';

export {
  SIMULATED_EXIT_CODE,
  SIMULATED_FAILURE,
  SIMULATED_GPU_UTIL,
  SIMULATED_RUNTIME,
};

export type SimulatedPod = {
  name: string;
  /** Requests, and the same limits, of its one container (`train`). */
  resources: Record<string, string>;
  labels?: Record<string, string>;
  /** How long it runs once started (`3s`, `2m`, `1h`); without it, it runs until deleted. */
  runtime?: string;
  /** It ends Failed with this exit code (and termination message) instead of Succeeded. */
  exitCode?: number;
  failure?: string;
  /** The utilization, in %, the local GPU metrics exporter reports for its GPUs. */
  gpuUtil?: number;
  /** Only on nodes of this GPU model (nvidia.com/gpu.product), e.g. to leave the L4s free. */
  gpuProduct?: string;
};

/**
 * The manifest of a pod for the simulated nodes. One asking for a GPU resource tolerates the GPU
 * nodes' taint (as the jobs plugin's workflows do); any other goes to the CPU nodes.
 */
export function simulatedPod(pod: SimulatedPod): k8s.V1Pod {
  const annotations: Record<string, string> = {
    ...(pod.runtime ? { [SIMULATED_RUNTIME]: pod.runtime } : {}),
    ...(pod.exitCode !== undefined
      ? { [SIMULATED_EXIT_CODE]: String(pod.exitCode) }
      : {}),
    ...(pod.failure ? { [SIMULATED_FAILURE]: pod.failure } : {}),
    ...(pod.gpuUtil !== undefined
      ? { [SIMULATED_GPU_UTIL]: String(pod.gpuUtil) }
      : {}),
  };
  const gpu = Object.keys(pod.resources).some(isGpuResource);
  return {
    metadata: { name: pod.name, labels: pod.labels, annotations },
    spec: {
      restartPolicy: 'Never',
      ...(gpu ? { tolerations: [GPU_TOLERATION] } : {}),
      ...(pod.gpuProduct
        ? { nodeSelector: { [GPU_PRODUCT_LABEL]: pod.gpuProduct } }
        : {}),
      containers: [
        {
          name: 'train',
          image: 'ml-training:latest',
          resources: { requests: pod.resources, limits: pod.resources },
        },
      ],
    },
  };
}

/** Creates a simulated pod; the scheduler and KWOK take it from there. */
export function createSimulatedPod(namespace: string, pod: SimulatedPod) {
  return core.createNamespacedPod({ namespace, body: simulatedPod(pod) });
}

/** Polls `check` until it answers something other than undefined; fails after `seconds`. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  seconds = 30,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(
    `timed out after ${seconds} s waiting for ${what}${
      last ? ` (${String(last)})` : ''
    }`,
  );
}

/** Reads a pod until `ready` holds for it, and answers it. */
export function waitForPod(
  namespace: string,
  name: string,
  what: string,
  ready: (pod: k8s.V1Pod) => boolean,
  seconds = 30,
): Promise<k8s.V1Pod> {
  return waitUntil(
    `${namespace}/${name} ${what}`,
    async () => {
      const pod = await core.readNamespacedPod({ name, namespace });
      return ready(pod) ? pod : undefined;
    },
    seconds,
  );
}

/** Its node started it (KWOK set its start time). */
export const podStarted = (pod: k8s.V1Pod) => Boolean(pod.status?.startTime);
/** It ran to its end (Succeeded or Failed). */
export const podFinished = (pod: k8s.V1Pod) =>
  ['Succeeded', 'Failed'].includes(pod.status?.phase ?? '');

/** When the pod's node started it and, once its containers ended, when the last one did. */
export function podTimes(pod: k8s.V1Pod): { start: Date; end?: Date } {
  const start = pod.status?.startTime;
  if (!start) throw new Error(`${pod.metadata?.name} has not started`);
  const end = (pod.status?.containerStatuses ?? [])
    .map(c => c.state?.terminated?.finishedAt)
    .filter((t): t is Date => Boolean(t))
    .map(t => new Date(t))
    .sort((a, b) => a.getTime() - b.getTime())
    .at(-1);
  return { start: new Date(start), end };
}

/**
 * Deletes a pod, with its own grace period or the one given (0 deletes it at once, as
 * `kubectl delete --force --grace-period=0` does), and waits until it is gone: KWOK removes a pod
 * being deleted, as a kubelet would once its containers stopped. Answers the pod as the deletion
 * left it: a running one with its deletionTimestamp, the end of its grace period.
 */
export async function deletePodAndWait(
  namespace: string,
  name: string,
  gracePeriodSeconds?: number,
): Promise<k8s.V1Pod> {
  const deleted = await core.deleteNamespacedPod({
    name,
    namespace,
    gracePeriodSeconds,
  });
  await waitUntil(`${namespace}/${name} to be gone`, async () => {
    try {
      await core.readNamespacedPod({ name, namespace });
      return undefined;
    } catch (e) {
      if ((e as { code?: number }).code === 404) return true;
      throw e;
    }
  });
  return deleted;
}

/**
 * A team namespace of the test's own, `<prefix>-<random>`, labelled as team onboarding labels
 * one (its team is its name, so no other test's pods count for it). Answers its name.
 */
export async function createTestTeam(prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await core.createNamespace({
    body: {
      metadata: {
        name,
        labels: {
          'mlplatform.dev/team': name,
          'app.kubernetes.io/managed-by': 'mlp-portal',
        },
      },
    },
  });
  return name;
}

/** Deletes a test's namespace and its pods, without waiting; a missing one is no error. */
export async function deleteTestNamespace(name: string | undefined) {
  if (!name) return;
  await core.deleteNamespace({ name }).catch(() => undefined);
}
