import type {
  Job,
  JobPhase,
  ParsedJobSubmission,
} from '@internal/plugin-jobs-common';
import {
  mainTermination,
  podEnd,
  podStart,
  type PodObject,
  type WorkflowNode,
  type WorkflowObject,
} from './kubeObjects';
import {
  HOURLY_RATE,
  MLFLOW_RUN,
  RESERVATION_LABEL,
  SUBMISSION,
  SUBMITTED_BY,
  TEAM_LABEL,
} from './labels';
import { type ClusterView, waitingReason } from './waitingReason';

export type { WorkflowObject } from './kubeObjects';

const PHASES: JobPhase[] = [
  'Pending',
  'Running',
  'Succeeded',
  'Failed',
  'Error',
];

/**
 * A job as the portal shows it, from its Workflow and its pods. It is Running once a pod runs on
 * a node (Argo calls the workflow Running as soon as it creates the pod, even while the pod waits
 * for GPUs); its runtime is the time its pods ran on a node, and its cost so far GPUs × those
 * hours × the rate: what the cost ledger bills from the same pods' timestamps.
 */
export function jobView(
  wf: WorkflowObject,
  options: {
    pods: PodObject[];
    gpuResource: string;
    mlflowUrl?: string;
    now: Date;
    /** Nodes and pods of the cluster, to say how many GPUs are free when a job waits. */
    cluster?: ClusterView;
  },
): Job {
  const annotations = wf.metadata.annotations ?? {};
  const submission = JSON.parse(
    annotations[SUBMISSION] ?? '{}',
  ) as Partial<ParsedJobSubmission>;
  const currency = (annotations[HOURLY_RATE] ?? '0 EUR').split(' ')[1];
  const gpus = submission.gpus ?? 0;
  const hourly = hourlyRateOf(wf);
  const timeoutHours = submission.timeoutHours ?? 0;
  const experiment =
    submission.experiment ?? `${wf.metadata.namespace}/${submission.name}`;

  const attemptNodes = Object.values(wf.status?.nodes ?? {})
    .filter(n => n.type === 'Pod')
    .sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
  const pods = [...options.pods].sort((a, b) =>
    (a.metadata.creationTimestamp ?? '').localeCompare(
      b.metadata.creationTimestamp ?? '',
    ),
  );
  const ran = pods.filter(p => podStart(p));
  const starts = ran.map(p => podStart(p)!).sort();
  const runtimeSeconds = ran.reduce((sum, pod) => {
    const end = podEnd(pod);
    const ms =
      (end ? Date.parse(end) : options.now.getTime()) -
      Date.parse(podStart(pod)!);
    return sum + Math.max(0, Math.round(ms / 1000));
  }, 0);

  const argoPhase = PHASES.includes(wf.status?.phase as JobPhase)
    ? (wf.status!.phase as JobPhase)
    : 'Pending';
  const running = pods.some(
    p => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp,
  );
  // Argo's Running with no pod on a node yet is, for the user, still waiting.
  const phase: JobPhase =
    argoPhase === 'Running' && !running ? 'Pending' : argoPhase;
  const last = pods.at(-1);
  const lastNode = attemptNodes.at(-1);
  const finishedAt =
    phase === 'Succeeded' || phase === 'Failed' || phase === 'Error'
      ? wf.status?.finishedAt ?? undefined
      : undefined;
  const exit = lastEnded(pods);
  return {
    id: wf.metadata.name,
    name: submission.name ?? wf.metadata.name,
    team: wf.metadata.labels?.[TEAM_LABEL] ?? wf.metadata.namespace,
    phase,
    ...messageOf(phase, wf, attemptNodes, exit),
    ...(phase === 'Pending'
      ? {
          waitingFor: waitingReason({
            pod: last && !podStart(last) ? last : undefined,
            gpus,
            resource: options.gpuResource,
            product: submission.gpuProduct,
            cluster: options.cluster,
            argoMessage: lastNode?.message || wf.status?.message,
          }),
        }
      : {}),
    attempts: Math.max(attemptNodes.length, pods.length),
    ...(exit?.exitCode !== undefined ? { exitCode: exit.exitCode } : {}),
    ...(last?.spec?.nodeName || lastNode?.hostNodeName
      ? { node: last?.spec?.nodeName ?? lastNode?.hostNodeName }
      : {}),
    image: submission.image ?? '',
    ...(submission.script ? { script: submission.script } : {}),
    gpus,
    gpuResource: options.gpuResource,
    ...(submission.gpuProduct ? { gpuProduct: submission.gpuProduct } : {}),
    memory: submission.memory ?? '',
    cpu: submission.cpu ?? '',
    timeoutHours,
    retries: submission.retries ?? 0,
    submittedBy: annotations[SUBMITTED_BY] ?? '',
    createdAt: wf.metadata.creationTimestamp ?? '',
    ...(starts[0] ? { startedAt: starts[0] } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    runtimeSeconds,
    costSoFar: round2(gpus * hourly * (runtimeSeconds / 3600)),
    estimatedCost: round2(gpus * hourly * timeoutHours),
    currency: currency ?? 'EUR',
    ...(wf.metadata.labels?.[RESERVATION_LABEL]
      ? { reservationId: wf.metadata.labels[RESERVATION_LABEL] }
      : {}),
    mlflow: {
      experiment,
      ...(annotations[MLFLOW_RUN] ? { runId: annotations[MLFLOW_RUN] } : {}),
      ...(options.mlflowUrl
        ? {
            // The MLflow UI; the experiment is found there by its name.
            url: `${options.mlflowUrl.replace(/\/+$/, '')}/#/experiments`,
          }
        : {}),
    },
    pods: pods.map(p => p.metadata.name),
  };
}

/** The main container's end in the last pod that ended. */
function lastEnded(pods: PodObject[]) {
  for (const pod of [...pods].reverse()) {
    const t = mainTermination(pod);
    if (t) return t;
  }
  return undefined;
}

/**
 * Why it ended: for a failure, the last attempt's own words (Argo's node message, such as
 * "main: Error (exit code 3): CUDA out of memory", or the kubelet's deadline) before the
 * workflow's summary ("No more retries left"); otherwise Argo's message, if any.
 */
function messageOf(
  phase: JobPhase,
  wf: WorkflowObject,
  attempts: WorkflowNode[],
  exit: ReturnType<typeof mainTermination>,
): { message?: string } {
  const summary = wf.status?.message;
  if (phase === 'Failed' || phase === 'Error') {
    const failed = [...attempts]
      .reverse()
      .find(n => n.phase === 'Failed' || n.phase === 'Error');
    const words =
      failed?.message ||
      (exit && exit.exitCode ? `exit code ${exit.exitCode}` : undefined);
    if (words && summary && words !== summary) {
      return { message: `${words} (${summary})` };
    }
    return words || summary ? { message: words ?? summary } : {};
  }
  return summary ? { message: summary } : {};
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The GPU-hour rate the job was submitted at (its annotation, "2.5 EUR"); 0 without one. */
export function hourlyRateOf(wf: WorkflowObject): number {
  const [rate] = (wf.metadata.annotations?.[HOURLY_RATE] ?? '0 EUR').split(' ');
  return Number(rate) || 0;
}
