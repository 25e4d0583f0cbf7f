import { z } from 'zod';

/**
 * What a job's record says of how it ended: Argo's phases, and Cancelled for a job cancelled in
 * the portal or whose Workflow was deleted before it finished.
 */
export const jobRecordPhases = [
  'Pending',
  'Running',
  'Succeeded',
  'Failed',
  'Error',
  'Cancelled',
] as const;

export type JobRecordPhase = (typeof jobRecordPhases)[number];

/** Phases after which a record no longer changes. */
export const finalJobRecordPhases: readonly JobRecordPhase[] = [
  'Succeeded',
  'Failed',
  'Error',
  'Cancelled',
];

const isoTime = z
  .string()
  .refine(s => !Number.isNaN(Date.parse(s)), 'is not an ISO-8601 time');

/**
 * The portal's own record of a training job, kept after its Workflow is gone: who submitted it
 * for which team, with how many GPUs, when it was submitted, first ran on a node and ended, and
 * how long its pods ran. Platform metrics are counted from these.
 */
export const jobRecordSchema = z.object({
  id: z.string(),
  team: z.string(),
  submittedBy: z.string(),
  gpus: z.number().int().min(0),
  gpuResource: z.string(),
  createdAt: isoTime,
  /** When its first pod started on a node: the end of its queue wait. */
  startedAt: isoTime.optional(),
  finishedAt: isoTime.optional(),
  phase: z.enum(jobRecordPhases),
  /** Seconds its pods ran on a node, all attempts together. */
  runtimeSeconds: z.number().min(0),
  /** GPUs × hours its pods ran × the GPU's hourly rate when it was submitted. */
  cost: z.number().min(0),
  currency: z.string(),
  /** The MLflow run made for it, when one was. */
  mlflowRunId: z.string().optional(),
  updatedAt: isoTime,
});

export type JobRecord = z.infer<typeof jobRecordSchema>;

export const jobRecordsAnswerSchema = z.object({
  records: z.array(jobRecordSchema),
});

/**
 * GET /api/jobs/records: the records of jobs submitted at or after `since`, or those of the jobs
 * `ids` names (comma-separated, at most 500).
 */
export const jobRecordsQuerySchema = z
  .object({
    since: isoTime.optional(),
    ids: z
      .string()
      .transform(s => s.split(',').filter(Boolean))
      .pipe(z.array(z.string().max(63)).max(500, 'at most 500 ids'))
      .optional(),
  })
  .refine(q => q.since !== undefined || q.ids !== undefined, {
    message: 'give since (an ISO time) or ids (job ids, comma-separated)',
  });
