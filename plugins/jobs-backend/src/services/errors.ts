import { CustomErrorBase } from '@backstage/errors';
import {
  ClusterStartingError,
  KubeApiError,
  KubeUnreachableError,
} from '@internal/plugin-mlp-kube-node';

/** The cluster does not answer, or none is configured: 503 with the reason. */
export class ClusterUnavailableError extends CustomErrorBase {
  name = 'ServiceUnavailableError' as const;
  statusCode = 503;
}

/** The API server refused what the portal asked: 502 with its message. */
export class ClusterRefusedError extends CustomErrorBase {
  name = 'ClusterRefusedError' as const;
  statusCode = 502;
}

/** The cluster's failures as the portal answers them. */
export function clusterError(error: unknown, doing: string): Error {
  // The local cluster is still being built: 503 under its own name, so pages say so and wait.
  if (error instanceof ClusterStartingError) return error;
  if (error instanceof KubeUnreachableError) {
    return new ClusterUnavailableError(`${doing}: ${error.message}`);
  }
  if (error instanceof KubeApiError) {
    return new ClusterRefusedError(`${doing}: ${error.message}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
