import type { TeamGpuQuota } from '@internal/plugin-gpu-quota-common';
import {
  gpuCount,
  KubeHttp,
  KubeList,
  KubeObject,
} from '@internal/plugin-mlp-kube-node';
import { quotaKeyOf, TEAM_LABEL, teamQuotas } from './quotaFigures';

/** One GPU resource of one team's ResourceQuota, read just now. */
export type QuotaEntry = {
  namespace: string;
  quotaName: string;
  resource: string;
  hard: number;
  used: number;
  /** For a patch that must not overwrite a change made in between. */
  resourceVersion: string;
};

/** The cluster as the GPU quota plugin sees it. */
export interface ClusterQuotas {
  readonly server: string;
  /** Every team's quota, usage and GPU workloads. */
  readAll(): Promise<TeamGpuQuota[]>;
  /** One resource of one team's quota, straight from the API server (no cache). */
  readEntry(
    team: string,
    namespace: string,
    resource: string,
  ): Promise<QuotaEntry | undefined>;
  /**
   * Sets the quota's hard limit for the resource, only if the quota is still at
   * `entry.resourceVersion`; a KubeApiError with status 409 otherwise.
   */
  setHard(entry: QuotaEntry, amount: number): Promise<void>;
}

const FIELD_MANAGER = 'mlp-gpu-quota';

/**
 * ClusterQuotas over the API server's REST API. Reading all teams costs three list calls
 * (quotas, limit ranges, unfinished pods), however many teams there are.
 */
export class HttpClusterQuotas implements ClusterQuotas {
  constructor(private readonly http: KubeHttp) {}

  get server() {
    return this.http.server;
  }

  async readAll(): Promise<TeamGpuQuota[]> {
    const team = encodeURIComponent(TEAM_LABEL);
    const unfinished = encodeURIComponent(
      'status.phase!=Succeeded,status.phase!=Failed',
    );
    const [quotas, limitRanges, pods] = await Promise.all([
      this.list(
        `/api/v1/resourcequotas?labelSelector=${team}`,
        'list ResourceQuotas of teams',
      ),
      this.list(
        `/api/v1/limitranges?labelSelector=${team}`,
        'list LimitRanges of teams',
      ),
      this.list(
        `/api/v1/pods?fieldSelector=${unfinished}`,
        'list running and pending pods',
      ),
    ]);
    return teamQuotas({ quotas, limitRanges, pods });
  }

  async readEntry(
    team: string,
    namespace: string,
    resource: string,
  ): Promise<QuotaEntry | undefined> {
    const selector = encodeURIComponent(`${TEAM_LABEL}=${team}`);
    const quotas = (await this.list(
      `/api/v1/namespaces/${encodeURIComponent(
        namespace,
      )}/resourcequotas?labelSelector=${selector}`,
      `read the ResourceQuotas of team ${team}`,
    )) as Array<
      KubeObject & {
        spec?: { hard?: Record<string, string> };
        status?: { used?: Record<string, string> };
      }
    >;
    const key = quotaKeyOf(resource);
    let found: QuotaEntry | undefined;
    for (const quota of quotas) {
      const hard = gpuCount(quota.spec?.hard?.[key]);
      if (Number.isNaN(hard)) continue;
      if (found && found.hard <= hard) continue;
      const used = gpuCount(quota.status?.used?.[key] ?? '0');
      found = {
        namespace,
        quotaName: quota.metadata.name,
        resource,
        hard,
        used: Number.isNaN(used) ? 0 : used,
        resourceVersion: quota.metadata.resourceVersion ?? '',
      };
    }
    return found;
  }

  async setHard(entry: QuotaEntry, amount: number): Promise<void> {
    const path = `/api/v1/namespaces/${encodeURIComponent(
      entry.namespace,
    )}/resourcequotas/${encodeURIComponent(
      entry.quotaName,
    )}?fieldManager=${FIELD_MANAGER}`;
    // A merge patch carrying the resourceVersion is a compare-and-set: the API server refuses it
    // with 409 when anyone changed the quota since it was read.
    await this.http.request({
      method: 'PATCH',
      path,
      what: `set ResourceQuota ${entry.namespace}/${entry.quotaName} ${entry.resource} to ${amount}`,
      contentType: 'application/merge-patch+json',
      body: {
        metadata: { resourceVersion: entry.resourceVersion },
        spec: { hard: { [quotaKeyOf(entry.resource)]: String(amount) } },
      },
    });
  }

  private async list(path: string, what: string): Promise<KubeObject[]> {
    const answer = await this.http.request<KubeList>({
      method: 'GET',
      path,
      what,
    });
    return answer?.items ?? [];
  }
}
