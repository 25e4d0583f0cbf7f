// The quota objects on the cluster as the request lifecycle and the expiry change them: read
// one team's entry, set its hard limit, and the cluster's failures as the portal answers them.
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import type { QuotaRequest } from '@internal/plugin-gpu-quota-common';
import { clusterError, KubeApiError } from '@internal/plugin-mlp-kube-node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { QuotaRequestStore } from '../store/QuotaRequestStore';
import { ClusterQuotas, QuotaEntry } from './ClusterQuotas';
import type { QuotaNotifier } from './QuotaNotifier';
import type { TeamQuotas } from './TeamQuotas';

export type GpuQuotaSettings = {
  /** Largest quota any team may hold for one resource (mlp.gpu.maxPerTeam). */
  maxPerTeam: number;
  /** Who hears about new requests and deferred expiries (permission.adminGroups). */
  keeperGroups: string[];
};

/** What the parts that change quotas on the cluster (requests, expiry) are built from. */
export type QuotaChangeDeps = {
  store: QuotaRequestStore;
  /** Undefined when no cluster is configured: changes are refused, nothing expires. */
  cluster?: ClusterQuotas;
  quotas: TeamQuotas;
  notifier: QuotaNotifier;
  logger: LoggerService;
  settings: GpuQuotaSettings;
  now?: () => Date;
};

export const NOT_CONFIGURED =
  'No Kubernetes cluster is configured for the portal (kubernetes.clusterLocatorMethods); GPU quotas come from there.';

/** The cluster, or 503 saying none is configured. */
export function requireCluster(
  cluster: ClusterQuotas | undefined,
): ClusterQuotas {
  if (!cluster) throw new ServiceUnavailableError(NOT_CONFIGURED);
  return cluster;
}

/** The request's quota entry as it is now; 409 when the team no longer has it. */
export async function readEntry(
  cluster: ClusterQuotas,
  request: QuotaRequest,
): Promise<QuotaEntry> {
  let entry: QuotaEntry | undefined;
  try {
    entry = await cluster.readEntry(
      request.team,
      request.namespace,
      request.resource,
    );
  } catch (error) {
    throw clusterError(error);
  }
  if (!entry) {
    throw new ConflictError(
      `Team ${request.team} no longer has a ${request.resource} quota in namespace ${request.namespace}; nothing was changed`,
    );
  }
  return entry;
}

/** Sets the entry's hard limit; a concurrent change is a 409 that changes nothing. */
export async function setHard(
  cluster: ClusterQuotas,
  entry: QuotaEntry,
  amount: number,
) {
  try {
    await cluster.setHard(entry, amount);
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 409) {
      throw new ConflictError(
        `The ${entry.resource} quota of namespace ${entry.namespace} changed while it was being updated; nothing was changed. Try again.`,
      );
    }
    throw clusterError(error);
  }
}
