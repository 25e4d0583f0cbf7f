import type {
  GpuUtilization,
  UtilizationSource,
} from '@internal/plugin-utilization-common';

/** Argo Workflows' phases of a workflow; Pending until its first pod starts. */
export type JobPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Error';

export type Job = {
  /** The Argo Workflow's name in the team's namespace. */
  id: string;
  name: string;
  team: string;
  phase: JobPhase;
  /**
   * Why it ended as it did, in the words of whoever ended it: the failed attempt's exit and
   * termination message ("main: Error (exit code 3): CUDA out of memory"), the kubelet's deadline,
   * or Argo's message for the workflow.
   */
  message?: string;
  /** While Pending: why it waits, in words (no node with enough free GPUs, the quota, ...). */
  waitingFor?: string;
  /** Pods started for it: 1, plus one per retry. */
  attempts: number;
  /** The exit code of the last attempt that ended. */
  exitCode?: number;
  /** The node the last attempt runs or ran on. */
  node?: string;
  image: string;
  script?: string;
  gpus: number;
  gpuResource: string;
  /** The GPU model asked for (nodes labelled nvidia.com/gpu.product), if any. */
  gpuProduct?: string;
  memory: string;
  cpu: string;
  timeoutHours: number;
  retries: number;
  submittedBy: string;
  createdAt: string;
  /** When its first pod started on a node (not when it was submitted). */
  startedAt?: string;
  finishedAt?: string;
  /** Seconds its pods have run on a node, all attempts (until now while running). */
  runtimeSeconds: number;
  /** GPUs × hours its pods ran × the GPU's hourly rate, as the cost ledger bills it. */
  costSoFar: number;
  /** What the budget check estimated for the whole timeout. */
  estimatedCost: number;
  currency: string;
  reservationId?: string;
  /** The job's MLflow experiment, and the run made for it (MLFLOW_RUN_ID in its pods). */
  mlflow: { experiment: string; url?: string; runId?: string };
  /** Pods of the workflow, for logs. */
  pods: string[];
  /**
   * How busy its GPUs were while its pods ran (Prometheus, dcgm-exporter), idle cost at its
   * hourly rate; absent before it ran, without GPUs, or when not measured.
   */
  utilization?: GpuUtilization;
  /** Where utilization comes from, or why there is none (for jobs whose GPU pods ran). */
  utilizationSource?: UtilizationSource;
};

/** What a submission did (POST /jobs). */
export type SubmittedJob = {
  job: Job;
  /** The team's GPU quota with this job's GPUs counted. */
  quota: { resource: string; hard: number; usedAfter: number };
  /** The budget reservation; `remaining` after it, when the team has a budget. */
  budget: {
    reservationId: string;
    estimate: number;
    currency: string;
    month: string;
    budget?: number;
    remaining?: number;
  };
};
