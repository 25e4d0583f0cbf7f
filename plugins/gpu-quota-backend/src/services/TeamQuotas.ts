import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  GpuQuotaMe,
  GpuQuotaOverview,
  gpuQuotaReadPermission,
  TeamGpuQuota,
  TeamGpuQuotaAnswer,
} from '@internal/plugin-gpu-quota-common';
import { clusterError } from '@internal/plugin-mlp-kube-node';
import { Access, UserCredentials } from './Access';
import { ClusterQuotas } from './ClusterQuotas';
import { NOT_CONFIGURED } from './quotaCluster';
import { QuotaSnapshotCache } from './QuotaSnapshotCache';

/**
 * Reading GPU quotas: every team's figures from the cluster (cached for `cacheMaxAgeMs`, so page
 * views within it share one read), one team's, and who the caller is to the feature.
 */
export class TeamQuotas {
  static create(options: {
    /** Undefined when no cluster is configured: reads say so. */
    cluster?: ClusterQuotas;
    cacheMaxAgeMs: number;
    access: Access;
    now: () => Date;
  }): TeamQuotas {
    const cache = options.cluster
      ? new QuotaSnapshotCache(
          () => options.cluster!.readAll(),
          options.cacheMaxAgeMs,
          options.now,
        )
      : undefined;
    return new TeamQuotas(options.access, cache);
  }

  private constructor(
    private readonly access: Access,
    private readonly cache: QuotaSnapshotCache | undefined,
  ) {}

  async overview(credentials: BackstageCredentials): Promise<GpuQuotaOverview> {
    await this.access.assert(
      credentials,
      gpuQuotaReadPermission,
      'You may not read GPU quotas',
    );
    if (!this.cache)
      return { status: 'not-configured', message: NOT_CONFIGURED };
    const snapshot = await this.snapshot();
    return {
      status: 'ok',
      fetchedAt: snapshot.fetchedAt.toISOString(),
      maxAgeSeconds: this.cache.maxAgeMs / 1000,
      teams: snapshot.teams,
    };
  }

  async team(
    credentials: BackstageCredentials,
    team: string,
  ): Promise<TeamGpuQuotaAnswer> {
    const overview = await this.overview(credentials);
    if (overview.status !== 'ok') return overview;
    const quota = overview.teams.find(t => t.team === team);
    if (!quota) {
      return {
        status: 'no-quota',
        team,
        message: `Team ${team} has no GPU quota yet: onboard it with the "Onboard an ML team" template.`,
      };
    }
    return {
      status: 'ok',
      fetchedAt: overview.fetchedAt,
      maxAgeSeconds: overview.maxAgeSeconds,
      quota,
    };
  }

  async me(credentials: UserCredentials): Promise<GpuQuotaMe> {
    return {
      userEntityRef: credentials.principal.userEntityRef,
      teams: await this.access.teamsOf(credentials),
      mayDecide: await this.access.mayDecide(credentials),
    };
  }

  /** The team's figures; 404 when it has no quota, 503 without a cluster. */
  async requireTeam(team: string): Promise<TeamGpuQuota> {
    if (!this.cache) throw new ServiceUnavailableError(NOT_CONFIGURED);
    const { teams } = await this.snapshot();
    const quota = teams.find(t => t.team === team);
    if (!quota) {
      throw new NotFoundError(
        `team: ${team} has no GPU quota (no ResourceQuota labelled mlplatform.dev/team=${team}). Check the name, or ask the platform team to onboard it.`,
      );
    }
    return quota;
  }

  /** The next read goes to the cluster (after the quota was changed). */
  invalidate(): void {
    this.cache?.invalidate();
  }

  private async snapshot() {
    try {
      return await this.cache!.get();
    } catch (error) {
      throw clusterError(error);
    }
  }
}
