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
