// Test-only: reading what onboarding made, and pods that ask for GPUs, on the local cluster.
import * as k8s from '@kubernetes/client-node';
import { kubeConfig } from './localServices';

export const kc = kubeConfig('admin');
export const core = kc.makeApiClient(k8s.CoreV1Api);
export const objects = k8s.KubernetesObjectApi.makeApiClient(kc);

/** resourceVersions of every object team onboarding makes: equal means nothing changed. */
export function onboardedVersions(team: string) {
  const read = (
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ) =>
    objects
      .read({ apiVersion, kind, metadata: { name, namespace } })
      .then(o => o.metadata?.resourceVersion);
  return Promise.all([
    read('v1', 'Namespace', team),
    read('v1', 'ResourceQuota', 'gpu-quota', team),
    read('v1', 'LimitRange', 'gpu-limits', team),
    read('networking.k8s.io/v1', 'NetworkPolicy', 'team-isolation', team),
    read('scheduling.volcano.sh/v1beta1', 'Queue', team),
    read('argoproj.io/v1alpha1', 'AppProject', team, 'argocd'),
  ]);
}

/** A training pod asking for GPUs (or, with 0, only CPU and memory). */
function gpuPod(namespace: string, name: string, gpus: number): k8s.V1Pod {
  const resources: k8s.V1ResourceRequirements = gpus
    ? {
        requests: { 'nvidia.com/gpu': String(gpus) },
        limits: { 'nvidia.com/gpu': String(gpus) },
      }
    : {
        requests: { cpu: '1', memory: '1Gi' },
        limits: { cpu: '1', memory: '1Gi' },
      };
  return {
    metadata: { name, namespace },
    spec: {
      restartPolicy: 'Never',
      containers: [{ name: 'train', image: 'ml-training:latest', resources }],
    },
  };
}

/** Creates a training pod in the team's namespace; the API server may refuse it. */
export function createPod(team: string, name: string, gpus: number) {
  return core.createNamespacedPod({
    namespace: team,
    body: gpuPod(team, name, gpus),
  });
}

/**
 * Waits until the quota controller reports these GPU figures in the status of the team's
 * gpu-quota: admission enforces a changed quota only from then on.
 */
export async function waitForGpuQuota(
  team: string,
  want: { hard?: string; used?: string },
  seconds = 30,
) {
  const key = 'requests.nvidia.com/gpu';
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const { status } = await core.readNamespacedResourceQuota({
      name: 'gpu-quota',
      namespace: team,
    });
    if (
      (want.hard === undefined || status?.hard?.[key] === want.hard) &&
      (want.used === undefined || status?.used?.[key] === want.used)
    ) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `gpu-quota of ${team} did not reach ${JSON.stringify(
          want,
        )} in ${seconds} s (now ${JSON.stringify(status)})`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }
}
