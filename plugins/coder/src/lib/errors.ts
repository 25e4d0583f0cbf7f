import { ResponseError } from '@backstage/errors';

function statusOf(error: unknown): number | undefined {
  return error instanceof ResponseError ? error.statusCode : undefined;
}

/** The backend's 401: the user is not connected, or Coder refused the stored token. */
export function isUnauthorized(error: unknown): boolean {
  return statusOf(error) === 401;
}

/** The backend's 404: e.g. a workspace that is gone after its delete build. */
export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}
