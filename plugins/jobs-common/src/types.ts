/** Argo Workflows' phases of a workflow; Pending until its first pod starts. */
export type JobPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Error';

export type Job = {
  /** The Argo Workflow's name in the team's namespace. */
  id: string;
  name: string;
  team: string;
  phase: JobPhase;
  /** Argo's message for the phase, e.g. why it failed. */
  message?: string;
  image: string;
  script?: string;
  gpus: number;
  gpuResource: string;
  memory: string;
  cpu: string;
  timeoutHours: number;
  retries: number;
  submittedBy: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Seconds it has run (until now while running). */
  runtimeSeconds: number;
  /** GPUs × hours run × the GPU's hourly rate. */
  costSoFar: number;
  /** What the budget check estimated for the whole timeout. */
  estimatedCost: number;
  currency: string;
  reservationId?: string;
  mlflow: { experiment: string; url?: string };
  /** Pods of the workflow, for logs. */
  pods: string[];
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
