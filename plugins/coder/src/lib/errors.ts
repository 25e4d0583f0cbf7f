import { responseStatus } from '@internal/plugin-mlp-react';

/** The backend's 401: the user is not connected, or Coder refused the stored token. */
export function isUnauthorized(error: unknown): boolean {
  return responseStatus(error) === 401;
}

/** The backend's 404: e.g. a workspace that is gone after its delete build. */
export function isNotFound(error: unknown): boolean {
  return responseStatus(error) === 404;
}
