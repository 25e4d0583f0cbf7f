import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { PluginRequests } from '@internal/plugin-mlp-node';
import type { TeamGpuQuotaAnswer } from '@internal/plugin-gpu-quota-common';

/** A team's GPU quota figures, for backend code outside the GPU quota plugin. */
export interface GpuQuotaReader {
  /**
   * The team's quota, used and free GPUs as the GPU quota backend reports them (at most its
   * cache age old), read on behalf of `credentials`. Throws a ResponseError when it fails.
   */
  team(
    team: string,
    options: { credentials: BackstageCredentials },
  ): Promise<TeamGpuQuotaAnswer>;
}

/** Talks to the GPU quota backend's REST API, with a token for the caller. */
export class DefaultGpuQuotaReader implements GpuQuotaReader {
  private readonly gpuQuota: PluginRequests;

  constructor(discovery: DiscoveryService, auth: AuthService) {
    this.gpuQuota = new PluginRequests('gpu-quota', { discovery, auth });
  }

  team(
    team: string,
    options: { credentials: BackstageCredentials },
  ): Promise<TeamGpuQuotaAnswer> {
    return this.gpuQuota.request(
      `/teams/${encodeURIComponent(team)}`,
      options.credentials,
    );
  }
}

export const gpuQuotaReaderServiceRef = createServiceRef<GpuQuotaReader>({
  id: 'gpu-quota.reader',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      factory: ({ discovery, auth }) =>
        new DefaultGpuQuotaReader(discovery, auth),
    }),
});
