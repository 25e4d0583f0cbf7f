import {
  ConflictError,
  InputError,
  NotAllowedError,
  ResponseError,
} from '@backstage/errors';

/**
 * Another plugin's refusal, passed on to the caller with the same meaning and message: a 400
 * stays an InputError, a 403 a NotAllowedError, a 409 (over quota, over budget) a ConflictError.
 * Anything else says what was being done and how it failed.
 */
export function refusalOf(error: unknown, doing: string): Error {
  if (!(error instanceof ResponseError)) {
    return new Error(`${doing} failed: ${String(error)}`);
  }
  const message = error.body.error.message;
  switch (error.statusCode) {
    case 400:
      return new InputError(message);
    case 403:
      return new NotAllowedError(message);
    case 409:
      return new ConflictError(message);
    default:
      return new Error(`${doing} failed (${error.statusCode}): ${message}`);
  }
}
