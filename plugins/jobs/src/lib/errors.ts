import { responseStatus } from '@internal/plugin-mlp-react';

/** Whether the backend refused the call because the user is not a member of the team. */
export function isForbidden(error: unknown): boolean {
  return responseStatus(error) === 403;
}
