import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * What scripts/services/kube.sh (and services/kube/build.sh under it) write to the local
 * cluster's progress.json while it is built and started: the step, what it builds, when the step
 * began, what the step and the steps after it take (cold, on a small machine), and the log.
 */
const progressSchema = z.object({
  state: z.enum(['building', 'starting', 'up', 'failed']),
  step: z.number().int().min(1),
  steps: z.number().int().min(1),
  part: z.string(),
  /** Unix seconds. */
  since: z.number(),
  seconds: z.number().min(0),
  laterSeconds: z.number().min(0),
  log: z.string(),
  message: z.string().optional(),
});
export type LocalClusterProgress = z.infer<typeof progressSchema>;

/** The progress file, or undefined when it is missing or not what kube.sh writes. */
export function readLocalClusterProgress(
  file: string,
): LocalClusterProgress | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = progressSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.max(10, Math.round(seconds / 10) * 10)} s`;
  return `${Math.round(seconds / 60)} min`;
}

/**
 * In words, for a person waiting: "the local cluster is still being built (step 2 of 5:
 * kube-apiserver, …; about 6 min left)". Undefined when it is up (then a failure to reach it is a
 * real fault) or failed (see {@link localClusterFailure}).
 */
export function localClusterWait(
  progress: LocalClusterProgress,
  nowMs: number,
): string | undefined {
  if (progress.state !== 'building' && progress.state !== 'starting')
    return undefined;
  const elapsed = Math.max(0, nowMs / 1000 - progress.since);
  const stepLeft = progress.seconds - elapsed;
  const left = Math.max(stepLeft, 0) + progress.laterSeconds;
  const doing =
    progress.state === 'building'
      ? `the local cluster is still being built (step ${progress.step} of ${progress.steps}: ${progress.part}`
      : `the local cluster is starting (step ${progress.step} of ${progress.steps}: ${progress.part}`;
  // A step past its expected time (a slower machine, a slow proxy) says so instead of "0 s".
  const when =
    stepLeft < 0
      ? `; this step takes longer than expected, ${duration(
          elapsed,
        )} so far, then about ${duration(progress.laterSeconds + 10)} more`
      : `; about ${duration(left)} left`;
  return `${doing}${when}). This fills in once it is up; progress: ${progress.log}`;
}

/** The failure that stopped the local cluster's start, with its log, or undefined. */
export function localClusterFailure(
  progress: LocalClusterProgress,
): string | undefined {
  if (progress.state !== 'failed') return undefined;
  return `the local cluster did not start: ${
    progress.message || 'see the logs'
  } (logs: ${progress.log}). Fix it, then run ./scripts/services.sh up kube`;
}
