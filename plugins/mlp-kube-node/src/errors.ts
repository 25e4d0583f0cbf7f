import { CustomErrorBase, ServiceUnavailableError } from '@backstage/errors';
import { BadGatewayError } from '@internal/plugin-mlp-node';

/** The Kubernetes API server answered with an error status. */
export class KubeApiError extends CustomErrorBase {
  name = 'KubeApiError' as const;
  constructor(
    readonly status: number,
    readonly reason: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** The Kubernetes API server could not be reached at all. */
export class KubeUnreachableError extends CustomErrorBase {
  name: string = 'KubeUnreachableError';
}

/**
 * The local cluster is not up yet: it is being built or started (scripts/services.sh). Not a
 * fault: answered 503 under this name, so that pages say it and look again later.
 */
export class ClusterStartingError extends KubeUnreachableError {
  name = 'ClusterStartingError';
  statusCode = 503;
}

/** No cluster, MLflow server or folder is configured for what a feature needs. */
export class NotConfiguredError extends CustomErrorBase {
  name = 'NotConfiguredError' as const;
}

/**
 * The cluster's failures as the portal answers them: the local cluster still being built stays
 * a 503 under its own name (pages say so and wait), an API server that does not answer is 503, one
 * that refuses is 502 with its message; `doing` says what was being done. The message is the
 * cluster's own, once (no "caused by" repeating it).
 */
export function clusterError(error: unknown, doing?: string): Error {
  if (error instanceof ClusterStartingError) return error;
  const message = (e: Error) => (doing ? `${doing}: ${e.message}` : e.message);
  if (error instanceof KubeUnreachableError) {
    return new ServiceUnavailableError(message(error));
  }
  if (error instanceof KubeApiError) {
    return new BadGatewayError(message(error));
  }
  return error instanceof Error ? error : new Error(String(error));
}
