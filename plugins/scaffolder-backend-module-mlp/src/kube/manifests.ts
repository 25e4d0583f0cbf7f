// The Kubernetes objects of an onboarded team and of an ML project. Pure functions: what the
// actions apply, and what a dry run shows.
import { KubeObject } from './types';

import {
  DEFAULT_GPU_RESOURCE as GPU_RESOURCE,
  PROJECT_LABEL,
  TEAM_LABEL,
} from '@internal/plugin-mlp-kube-node';

export { GPU_RESOURCE, PROJECT_LABEL, TEAM_LABEL };
export const QUOTA_NAME = 'gpu-quota';
export const LIMIT_RANGE_NAME = 'gpu-limits';
export const NETWORK_POLICY_NAME = 'team-isolation';

export function namespaceManifest(input: {
  name: string;
  team: string;
  labels?: Record<string, string>;
}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: input.name,
      labels: { ...input.labels, [TEAM_LABEL]: input.team },
      annotations: { 'backstage.io/owner': `group:default/${input.team}` },
    },
  };
}

export type GpuQuotaSpec = {
  namespace: string;
  team: string;
  gpus: number;
  gpuTypes?: Record<string, number>;
  cpu?: string;
  memory?: string;
};

export function resourceQuotaManifest(spec: GpuQuotaSpec): KubeObject {
  const hard: Record<string, string> = {
    [`requests.${GPU_RESOURCE}`]: String(spec.gpus),
  };
  for (const [resource, count] of Object.entries(spec.gpuTypes ?? {})) {
    hard[`requests.${resource}`] = String(count);
  }
  if (spec.cpu) hard['requests.cpu'] = spec.cpu;
  if (spec.memory) hard['requests.memory'] = spec.memory;
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: {
      name: QUOTA_NAME,
      namespace: spec.namespace,
      labels: { [TEAM_LABEL]: spec.team },
    },
    spec: { hard },
  };
}

/** CPU and memory a container requests when it does not say, in a namespace with such a quota. */
export const DEFAULT_CPU_REQUEST = '500m';
export const DEFAULT_MEMORY_REQUEST = '1Gi';

/**
 * Per-container GPU bounds. LimitRanger rejects a container without a limit for a resource that
 * has a max, so every GPU resource also gets a default (and default request) of 0: CPU-only pods
 * stay admissible, GPU pods must ask for their GPUs explicitly. Likewise a quota on CPU or memory
 * makes the API server reject pods that do not request them, so those get default requests.
 */
export function limitRangeManifest(input: {
  namespace: string;
  team: string;
  maxGpusPerJob: number;
  gpuResources: string[];
  cpuQuota?: boolean;
  memoryQuota?: boolean;
}): KubeObject {
  const of = (value: number) =>
    Object.fromEntries(
      input.gpuResources.map(resource => [resource, String(value)]),
    );
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: {
      name: LIMIT_RANGE_NAME,
      namespace: input.namespace,
      labels: { [TEAM_LABEL]: input.team },
    },
    spec: {
      limits: [
        {
          type: 'Container',
          max: of(input.maxGpusPerJob),
          default: of(0),
          defaultRequest: {
            ...of(0),
            ...(input.cpuQuota ? { cpu: DEFAULT_CPU_REQUEST } : {}),
            ...(input.memoryQuota ? { memory: DEFAULT_MEMORY_REQUEST } : {}),
          },
        },
      ],
    },
  };
}

/** Pods talk to pods of their own namespace, and resolve names through cluster DNS; nothing else. */
export function networkPolicyManifest(input: {
  namespace: string;
  team: string;
}): KubeObject {
  const sameNamespace = [{ podSelector: {} }];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: NETWORK_POLICY_NAME,
      namespace: input.namespace,
      labels: { [TEAM_LABEL]: input.team },
    },
    spec: {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: sameNamespace }],
      egress: [
        { to: sameNamespace },
        {
          to: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
              },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    },
  };
}

/** Volcano's cluster-scoped Queue: fair share by weight, capped at the team's GPUs. */
export function volcanoQueueManifest(input: {
  team: string;
  weight: number;
  gpus: number;
}): KubeObject {
  return {
    apiVersion: 'scheduling.volcano.sh/v1beta1',
    kind: 'Queue',
    metadata: { name: input.team, labels: { [TEAM_LABEL]: input.team } },
    spec: {
      weight: input.weight,
      reclaimable: true,
      capability: { [GPU_RESOURCE]: String(input.gpus) },
    },
  };
}

/** An ArgoCD AppProject per team: its applications may deploy to the team's namespace only. */
export function appProjectManifest(input: {
  team: string;
  argocdNamespace: string;
  destinationServer: string;
}): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: {
      name: input.team,
      namespace: input.argocdNamespace,
      labels: { [TEAM_LABEL]: input.team },
    },
    spec: {
      description: `ML team ${input.team}`,
      sourceRepos: ['*'],
      destinations: [
        { server: input.destinationServer, namespace: input.team },
      ],
      clusterResourceWhitelist: [],
    },
  };
}

export function applicationManifest(input: {
  name: string;
  team: string;
  argocdNamespace: string;
  destinationServer: string;
  repoUrl: string;
  path: string;
  revision: string;
}): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: input.name,
      namespace: input.argocdNamespace,
      labels: { [TEAM_LABEL]: input.team, [PROJECT_LABEL]: input.name },
    },
    spec: {
      project: input.team,
      source: {
        repoURL: input.repoUrl,
        path: input.path,
        targetRevision: input.revision,
      },
      destination: { server: input.destinationServer, namespace: input.team },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=false'],
      },
    },
  };
}
