import { z } from 'zod';

/** The windows the figures are counted over, in days up to now. */
export const METRICS_WINDOWS = [7, 30, 90] as const;

/** GET /api/platform-metrics/summary?days=30 */
export const metricsQuerySchema = z.object({
  days: z
    .enum(['7', '30', '90'], { error: 'must be 7, 30 or 90 (days)' })
    .default('30')
    .transform(Number),
});

const jobFigures = z.object({
  /** Jobs submitted in the window. */
  submitted: z.number().int(),
  succeeded: z.number().int(),
  /** Failed or Error. */
  failed: z.number().int(),
  /** Cancelled in the portal, or deleted before they ended. */
  cancelled: z.number().int(),
  /** Still waiting or running. */
  unfinished: z.number().int(),
  /** Users who submitted a job in the window. */
  uniqueUsers: z.number().int(),
  /** GPUs × hours their pods ran on a node. */
  gpuHours: z.number(),
  /** Mean runtime of the jobs that ended after running; absent when none did. */
  averageRuntimeSeconds: z.number().optional(),
  /** From submission to the first pod on a node, of the jobs that started. */
  averageQueueWaitSeconds: z.number().optional(),
  medianQueueWaitSeconds: z.number().optional(),
  /** Coder workspaces the portal created or started in the window (absent without Coder). */
  workspacesUsed: z.number().int().optional(),
  /** The people who created or started them. */
  workspaceUsers: z.number().int().optional(),
});

const adoption = z.object({
  /** Users in the ML teams in the catalog (service accounts left out). */
  members: z.number().int(),
  /** Of them, those who had a job reach Running in the window. */
  adopters: z.number().int(),
  /** adopters / members; absent without members. */
  adoptionRate: z.number().optional(),
});

export const teamMetricsSchema = jobFigures
  .extend(adoption.shape)
  .extend({ team: z.string() });

export const weekMetricsSchema = jobFigures.extend({
  /** The Monday (UTC) the week starts on, YYYY-MM-DD; the first week starts with the window. */
  week: z.string(),
});

/** A user whose first sign-in falls in the window, and when their first job reached Running. */
export const firstJobSchema = z.object({
  userEntityRef: z.string(),
  firstSignInAt: z.string(),
  /** When their first job's first pod started on a node; absent while they have none. */
  firstRunningAt: z.string().optional(),
  /** firstRunningAt − firstSignInAt. */
  seconds: z.number().optional(),
});

export const platformMetricsSchema = z.object({
  days: z.number().int(),
  from: z.string(),
  to: z.string(),
  overall: jobFigures.extend(adoption.shape).extend({
    /** Median time to first job of the new users who have one. */
    medianTimeToFirstJobSeconds: z.number().optional(),
  }),
  teams: z.array(teamMetricsSchema),
  weeks: z.array(weekMetricsSchema),
  newUsers: z.array(firstJobSchema),
});

export type JobFigures = z.infer<typeof jobFigures>;
export type TeamMetrics = z.infer<typeof teamMetricsSchema>;
export type WeekMetrics = z.infer<typeof weekMetricsSchema>;
export type FirstJob = z.infer<typeof firstJobSchema>;
export type PlatformMetrics = z.infer<typeof platformMetricsSchema>;
