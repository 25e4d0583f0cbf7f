import { parseQuantity } from '@internal/plugin-mlp-kube-node';
import type { NodeObject, PodObject } from './kubeObjects';
import { GPU_PRODUCT_LABEL } from './labels';

/** Free GPUs of one resource per schedulable node: allocatable minus what its pods request. */
export function freeOnNodes(
  nodes: NodeObject[],
  pods: PodObject[],
  resource: string,
  product?: string,
): number[] {
  const requested = new Map<string, number>();
  for (const pod of pods) {
    const node = pod.spec?.nodeName;
    if (
      !node ||
      pod.status?.phase === 'Succeeded' ||
      pod.status?.phase === 'Failed'
    ) {
      continue;
    }
    const containers = pod.spec?.containers ?? [];
    const sum = containers.reduce(
      (n, c) => n + quantity(c.resources?.requests?.[resource]),
      0,
    );
    const init = Math.max(
      0,
      ...(pod.spec?.initContainers ?? []).map(c =>
        quantity(c.resources?.requests?.[resource]),
      ),
    );
    requested.set(node, (requested.get(node) ?? 0) + Math.max(sum, init));
  }
  return nodes
    .filter(n => !n.spec?.unschedulable)
    .filter(n => !product || n.metadata.labels?.[GPU_PRODUCT_LABEL] === product)
    .map(n => ({ n, has: quantity(n.status?.allocatable?.[resource]) }))
    .filter(({ has }) => has > 0)
    .map(({ n, has }) => has - (requested.get(n.metadata.name) ?? 0));
}

function quantity(value: string | undefined): number {
  const n = parseQuantity(value);
  return Number.isFinite(n) ? n : 0;
}

/** The cluster's nodes and running pods, when the portal may read them; for the words below. */
export type ClusterView = { nodes: NodeObject[]; pods: PodObject[] };

/**
 * Why a job's pod is not running yet, in words, from the scheduler's condition on the pod and,
 * when the portal may read them, the nodes' free GPUs. For example
 * "waiting for GPUs: no node has 4 free nvidia.com/gpu (largest free: 2)".
 */
export function waitingReason(options: {
  pod?: PodObject;
  gpus: number;
  resource: string;
  /** The GPU model the job asked for, if it did. */
  product?: string;
  cluster?: ClusterView;
  /** Argo's message on the pod's node, e.g. a quota refusal when creating the pod. */
  argoMessage?: string;
}): string {
  const { pod, gpus, resource, product, cluster, argoMessage } = options;
  const which = product ? `${product} node` : 'node';
  if (!pod) {
    if (argoMessage && /exceeded quota|forbidden/i.test(argoMessage)) {
      return `waiting for the team's GPU quota: ${argoMessage}`;
    }
    return argoMessage
      ? `waiting for its pod to be created: ${argoMessage}`
      : 'waiting for the workflow controller to create its pod';
  }
  const scheduled = pod.status?.conditions?.find(
    c => c.type === 'PodScheduled',
  );
  if (pod.spec?.nodeName || scheduled?.status === 'True') {
    return `starting on node ${pod.spec?.nodeName ?? '(unknown)'}`;
  }
  if (scheduled?.reason !== 'Unschedulable') {
    return 'waiting for the scheduler to place it on a node';
  }
  const message = scheduled.message ?? '';
  if (message.includes(`Insufficient ${resource}`)) {
    const free = cluster
      ? freeOnNodes(cluster.nodes, cluster.pods, resource, product)
      : [];
    if (free.length > 0) {
      return `waiting for GPUs: no ${which} has ${gpus} free ${resource} (largest free: ${Math.max(
        0,
        ...free,
      )})`;
    }
    return `waiting for GPUs: no ${which} has ${gpus} free ${resource} (${firstSentence(
      message,
    )})`;
  }
  return `waiting for a node: ${firstSentence(message)}`;
}

/** The scheduler's summary without its preemption part: "0/9 nodes are available: ...". */
function firstSentence(message: string): string {
  return message.split(' preemption:')[0].replace(/\.$/, '');
}
