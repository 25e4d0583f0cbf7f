import { CustomErrorBase } from '@backstage/errors';

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
