import { LoggerService } from '@backstage/backend-plugin-api';
import { QuotaRequestStore } from '../store/QuotaRequestStore';
import { Access } from './Access';
import { ClusterQuotas } from './ClusterQuotas';
import { QuotaExpiry } from './QuotaExpiry';
import type { GpuQuotaSettings } from './quotaCluster';
import { QuotaIncreaseRequests } from './QuotaIncreaseRequests';
import { QuotaNotifier } from './QuotaNotifier';
import { TeamQuotas } from './TeamQuotas';

export type GpuQuotaServices = {
  /** Reading quotas: every team's, one team's, the caller's. */
  quotas: TeamQuotas;
  /** Asking for more GPUs, approving, rejecting, cancelling; the audit trail. */
  requests: QuotaIncreaseRequests;
  /** Taking approved increases back when their time is up. */
  expiry: QuotaExpiry;
};

/** The GPU quota feature's three parts, over one cluster, store and quota cache. */
export function createGpuQuotaServices(options: {
  store: QuotaRequestStore;
  /** Undefined when no cluster is configured: reads say so, changes are refused. */
  cluster?: ClusterQuotas;
  cacheMaxAgeMs: number;
  access: Access;
  notifier: QuotaNotifier;
  logger: LoggerService;
  settings: GpuQuotaSettings;
  now?: () => Date;
}): GpuQuotaServices {
  const now = options.now ?? (() => new Date());
  const quotas = TeamQuotas.create({ ...options, now });
  return {
    quotas,
    requests: new QuotaIncreaseRequests({ ...options, quotas, now }),
    expiry: new QuotaExpiry({ ...options, quotas, now }),
  };
}
