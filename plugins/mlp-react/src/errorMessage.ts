import { ResponseError } from '@backstage/errors';

/**
 * The message to show a person. For a failed backend call that is the server's own message,
 * which names the field and the fix, rather than ResponseError's "Request failed with 400".
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message || error.message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}

/**
 * The backend's answer when the local cluster is still being built or started
 * (ClusterStartingError, 503): a wait with the step and the time left, not a fault.
 */
export function isClusterStarting(error: unknown): boolean {
  return (
    error instanceof ResponseError &&
    error.body?.error?.name === 'ClusterStartingError'
  );
}
