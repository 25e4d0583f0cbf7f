import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
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
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async team(
    team: string,
    options: { credentials: BackstageCredentials },
  ): Promise<TeamGpuQuotaAnswer> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'gpu-quota',
    });
    const base = await this.discovery.getBaseUrl('gpu-quota');
    const res = await fetch(`${base}/teams/${encodeURIComponent(team)}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as TeamGpuQuotaAnswer;
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
