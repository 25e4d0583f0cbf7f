import {
  ARGO_WORKFLOW_LABEL,
  JOB_LABEL,
  KubeHttp,
  type KubeList,
  podGpus,
  type Pod,
  RESERVATION_LABEL,
  USER_LABEL,
} from '@internal/plugin-mlp-kube-node';

/** A training job of a team whose pods hold GPUs on a node now. */
export type RunningJob = {
  id: string;
  team: string;
  /** Its Running pods that hold GPUs. */
  pods: string[];
  gpus: number;
  /** The user entity ref of whoever submitted it (its pods' user label). */
  owner: string;
  reservationId?: string;
  /** When the first of those pods started. */
  since: string;
};

/** The team's training jobs that run on GPUs now, from its namespace's pods. */
export async function runningJobs(
  kube: KubeHttp,
  team: string,
): Promise<RunningJob[]> {
  const pods = await kube.request<KubeList<Pod>>({
    method: 'GET',
    path: `/api/v1/namespaces/${encodeURIComponent(
      team,
    )}/pods?labelSelector=${encodeURIComponent(`${JOB_LABEL}=true`)}`,
    what: `list the training job pods of ${team}`,
    absent: [404],
  });
  const jobs = new Map<string, RunningJob>();
  for (const pod of pods?.items ?? []) {
    const id = pod.metadata.labels?.[ARGO_WORKFLOW_LABEL];
    const gpus = Object.values(podGpus(pod)).reduce((a, b) => a + b, 0);
    const start = pod.status?.startTime;
    if (
      !id ||
      gpus === 0 ||
      !start ||
      pod.status?.phase !== 'Running' ||
      pod.metadata.deletionTimestamp
    ) {
      continue;
    }
    const labels = pod.metadata.labels ?? {};
    const job = jobs.get(id) ?? {
      id,
      team,
      pods: [],
      gpus: 0,
      owner: `user:default/${labels[USER_LABEL] ?? 'unknown'}`,
      ...(labels[RESERVATION_LABEL]
        ? { reservationId: labels[RESERVATION_LABEL] }
        : {}),
      since: start,
    };
    job.pods.push(pod.metadata.name);
    job.gpus += gpus;
    if (start < job.since) job.since = start;
    jobs.set(id, job);
  }
  return [...jobs.values()];
}
