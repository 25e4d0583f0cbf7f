import { ResponseError } from '@backstage/errors';

/** The HTTP status a backend answered with, when `error` is its ResponseError. */
export function responseStatus(error: unknown): number | undefined {
  return error instanceof ResponseError ? error.statusCode : undefined;
}
