import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  BadGatewayError,
  ServiceUnavailableError,
} from '@internal/plugin-mlp-node';
import {
  CoderApiError,
  CoderBadAnswerError,
  CoderUnreachableError,
} from '@internal/plugin-coder-node';

/** The user has no usable Coder token: 401, and the card shows the connect form. */
export class CoderNotConnectedError extends AuthenticationError {}

/**
 * Coder's failures as the portal answers them, in Coder's own words: what Coder refused keeps
 * its status (400, 403, 404, 409; a deleted workspace's 410 is a 404), an outage is 503, a broken answer 502. A 401 is handled
 * before this (the stored token is marked refused).
 */
export function portalErrorOf(error: unknown, doing: string): Error {
  if (error instanceof CoderUnreachableError) {
    return new ServiceUnavailableError(
      `${doing}: ${error.message}; Coder may be down, try again in a minute`,
    );
  }
  if (error instanceof CoderBadAnswerError) {
    return new BadGatewayError(`${doing}: ${error.message}`);
  }
  if (!(error instanceof CoderApiError)) {
    return error instanceof Error ? error : new Error(String(error));
  }
  const fields = error.validations
    .map(v => `${v.field}: ${v.detail}`)
    .join('; ');
  const said = [error.coderMessage, error.detail, fields]
    .filter(Boolean)
    .join(' — ');
  const message = `${doing}: Coder says: ${said}`;
  switch (error.coderStatus) {
    case 400:
      return new InputError(message);
    case 401:
      return new CoderNotConnectedError(message);
    case 403:
      return new NotAllowedError(message);
    case 404:
    case 410: // Coder's answer for a workspace that has been deleted
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    default:
      return new BadGatewayError(
        `${doing}: Coder failed with ${error.coderStatus}: ${said}`,
      );
  }
}
