import type { Job } from '@internal/plugin-jobs-common';
import { isActive } from '../../lib/phase';

/** How many jobs the home card shows. */
export const MY_JOBS_SHOWN = 6;

/**
 * The jobs the user submitted, running and waiting ones first, then the most recent others; the
 * list comes newest first from the backend and keeps that order within each group.
 */
export function myJobs(jobs: Job[], userEntityRef: string): Job[] {
  const mine = jobs.filter(j => j.submittedBy === userEntityRef);
  const active = mine.filter(j => isActive(j.phase));
  const ended = mine.filter(j => !isActive(j.phase));
  return [...active, ...ended];
}
