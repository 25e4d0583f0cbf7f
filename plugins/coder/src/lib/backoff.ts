/**
 * How often the card asks Coder about a workspace whose build is still running: soon after a
 * change, then less and less often while nothing happens, never less often than every 15 s.
 */
export const POLL_BACKOFF = { initialMs: 1000, factor: 2, maxMs: 15_000 };

/** The wait before poll number `attempt` (0 for the first poll after a change). */
export function pollDelay(attempt: number, backoff = POLL_BACKOFF): number {
  const n = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt)) : 0;
  return Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** n);
}

/** The attempt after a poll: back to the start when it saw a change, one step slower if not. */
export function nextAttempt(attempt: number, changed: boolean): number {
  return changed ? 0 : attempt + 1;
}
