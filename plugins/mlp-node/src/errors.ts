import { CustomErrorBase } from '@backstage/errors';

/**
 * A service the portal depends on (the cluster, Coder, MLflow) is down or does not answer: 503
 * with the reason, so pages say so and try again later.
 */
export class ServiceUnavailableError extends CustomErrorBase {
  name = 'ServiceUnavailableError' as const;
  statusCode = 503;
}

/**
 * A service the portal depends on answered with a failure, or with something that is not its
 * API: 502 with what it said.
 */
export class BadGatewayError extends CustomErrorBase {
  name = 'BadGatewayError' as const;
  statusCode = 502;
}
