import { CustomErrorBase } from '@backstage/errors';

/**
 * A service the portal depends on (the cluster, Coder, MLflow) is down or does not answer: 503
 * with the reason, so pages say so and try again later. Backstage's own class, which its error
 * handler answers with 503; re-exported so our backends take it from one place.
 */
export { ServiceUnavailableError } from '@backstage/errors';

/**
 * A service the portal depends on answered with a failure, or with something that is not its
 * API: 502 with what it said (Backstage has no class for it).
 */
export class BadGatewayError extends CustomErrorBase {
  name = 'BadGatewayError' as const;
  statusCode = 502;
}
