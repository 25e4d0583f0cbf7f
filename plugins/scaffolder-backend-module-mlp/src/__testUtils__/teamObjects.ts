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
export function gpuPod(
  namespace: string,
  name: string,
  gpus: number,
): k8s.V1Pod {
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
