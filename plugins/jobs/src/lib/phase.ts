import type { JobPhase } from '@internal/plugin-jobs-common';

/** A job that still holds (or waits for) GPUs: it can be cancelled and its list is kept live. */
export function isActive(phase: JobPhase): boolean {
  return phase === 'Pending' || phase === 'Running';
}

/** A job that ended badly: its message says why. */
export function isFailure(phase: JobPhase): boolean {
  return phase === 'Failed' || phase === 'Error';
}
