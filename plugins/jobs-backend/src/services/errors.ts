import {
  ClusterStartingError,
  KubeApiError,
  KubeUnreachableError,
} from '@internal/plugin-mlp-kube-node';
import {
  BadGatewayError,
  ServiceUnavailableError,
} from '@internal/plugin-mlp-node';

/** The cluster's failures as the portal answers them. */
export function clusterError(error: unknown, doing: string): Error {
  // The local cluster is still being built: 503 under its own name, so pages say so and wait.
  if (error instanceof ClusterStartingError) return error;
  if (error instanceof KubeUnreachableError) {
    return new ServiceUnavailableError(`${doing}: ${error.message}`);
  }
  if (error instanceof KubeApiError) {
    return new BadGatewayError(`${doing}: ${error.message}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
