/** The parts of the API server's objects a job is read from. */

/** A Workflow as the API server answers it. */
export type WorkflowObject = {
  metadata: {
    name: string;
    namespace: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  status?: {
    phase?: string;
    message?: string;
    startedAt?: string | null;
    finishedAt?: string | null;
    /** Argo's nodes: the workflow, a Retry node when it retries, and one Pod node per attempt. */
    nodes?: Record<string, WorkflowNode>;
  };
};

export type WorkflowNode = {
  id?: string;
  type?: string;
  phase?: string;
  message?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  hostNodeName?: string;
  outputs?: { exitCode?: string };
};

type ContainerStatus = {
  name: string;
  state?: {
    running?: { startedAt?: string };
    terminated?: {
      exitCode?: number;
      reason?: string;
      message?: string;
      startedAt?: string;
      finishedAt?: string;
    };
  };
};

export type PodObject = {
  metadata: {
    name: string;
    namespace?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
  };
  spec?: {
    nodeName?: string;
    containers?: Array<{
      name: string;
      resources?: { requests?: Record<string, string> };
    }>;
    initContainers?: Array<{
      name: string;
      resources?: { requests?: Record<string, string> };
    }>;
  };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    startTime?: string;
    conditions?: Array<{
      type: string;
      status: string;
      reason?: string;
      message?: string;
    }>;
    containerStatuses?: ContainerStatus[];
  };
};

export type NodeObject = {
  metadata: { name: string; labels?: Record<string, string> };
  spec?: { unschedulable?: boolean };
  status?: { allocatable?: Record<string, string> };
};

/** When the pod began running on its node, if it did. */
export function podStart(pod: PodObject): string | undefined {
  return pod.status?.startTime;
}

/** When the pod stopped holding its node: its containers' last end, or its deletion. */
export function podEnd(pod: PodObject): string | undefined {
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
    const ends = (pod.status.containerStatuses ?? [])
      .map(c => c.state?.terminated?.finishedAt)
      .filter((t): t is string => Boolean(t))
      .sort();
    return ends.at(-1) ?? pod.status.startTime;
  }
  return pod.metadata.deletionTimestamp;
}

/** The training container's end, when it ended: its exit code and the kubelet's words. */
export function mainTermination(pod: PodObject) {
  const statuses = pod.status?.containerStatuses ?? [];
  const main = statuses.find(c => c.name === 'main') ?? statuses[0];
  return main?.state?.terminated;
}
