import type {
  Job,
  JobPhase,
  ParsedJobSubmission,
} from '@internal/plugin-jobs-common';
import {
  HOURLY_RATE,
  RESERVATION_LABEL,
  SUBMISSION,
  SUBMITTED_BY,
  TEAM_LABEL,
} from './labels';

/** A Workflow as the API server answers it, the parts a job is read from. */
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
  };
};

const PHASES: JobPhase[] = [
  'Pending',
  'Running',
  'Succeeded',
  'Failed',
  'Error',
];

/** A job as the portal shows it, from its Workflow; cost so far = GPUs × hours run × rate. */
export function jobView(
  wf: WorkflowObject,
  options: {
    pods: string[];
    gpuResource: string;
    mlflowUrl?: string;
    now: Date;
  },
): Job {
  const annotations = wf.metadata.annotations ?? {};
  const submission = JSON.parse(
    annotations[SUBMISSION] ?? '{}',
  ) as Partial<ParsedJobSubmission>;
  const [rate, currency] = (annotations[HOURLY_RATE] ?? '0 EUR').split(' ');
  const phase = PHASES.includes(wf.status?.phase as JobPhase)
    ? (wf.status!.phase as JobPhase)
    : 'Pending';
  const startedAt = wf.status?.startedAt ?? undefined;
  const finishedAt = wf.status?.finishedAt ?? undefined;
  const runtimeSeconds = startedAt
    ? Math.max(
        0,
        Math.round(
          ((finishedAt ? Date.parse(finishedAt) : options.now.getTime()) -
            Date.parse(startedAt)) /
            1000,
        ),
      )
    : 0;
  const gpus = submission.gpus ?? 0;
  const hourly = Number(rate) || 0;
  const timeoutHours = submission.timeoutHours ?? 0;
  const experiment =
    submission.experiment ?? `${wf.metadata.namespace}/${submission.name}`;
  return {
    id: wf.metadata.name,
    name: submission.name ?? wf.metadata.name,
    team: wf.metadata.labels?.[TEAM_LABEL] ?? wf.metadata.namespace,
    phase,
    ...(wf.status?.message ? { message: wf.status.message } : {}),
    image: submission.image ?? '',
    ...(submission.script ? { script: submission.script } : {}),
    gpus,
    gpuResource: options.gpuResource,
    memory: submission.memory ?? '',
    cpu: submission.cpu ?? '',
    timeoutHours,
    retries: submission.retries ?? 0,
    submittedBy: annotations[SUBMITTED_BY] ?? '',
    createdAt: wf.metadata.creationTimestamp ?? '',
    ...(startedAt ? { startedAt } : {}),
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
      ...(options.mlflowUrl
        ? {
            // The MLflow UI; the experiment is found there by its name.
            url: `${options.mlflowUrl.replace(/\/+$/, '')}/#/experiments`,
          }
        : {}),
    },
    pods: options.pods,
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
