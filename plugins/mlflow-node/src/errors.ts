import { CustomErrorBase } from '@backstage/errors';

/** MLflow could not be reached or did not answer in time: 503 with the reason. */
export class MlflowUnavailableError extends CustomErrorBase {
  name = 'ServiceUnavailableError' as const;
  statusCode = 503;
}

/** MLflow answered with a server error or something that is not its API's shape: 502. */
export class MlflowBadGatewayError extends CustomErrorBase {
  name = 'MlflowBadGatewayError' as const;
  statusCode = 502;
}
