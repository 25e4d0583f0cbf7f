import { ResponseError } from '@backstage/errors';

/** Whether the backend refused the call because the user is not a member of the team. */
export function isForbidden(error: unknown): boolean {
  return error instanceof ResponseError && error.statusCode === 403;
}
