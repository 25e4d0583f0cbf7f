import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  type PlatformMetrics,
  platformMetricsSchema,
} from '@internal/plugin-platform-metrics-common';
import { BackendRequests } from '@internal/plugin-mlp-react';
import type { PlatformMetricsApi } from './PlatformMetricsApi';

/** Talks to /api/platform-metrics through fetchApi, so every call carries the user's token. */
export class PlatformMetricsClient implements PlatformMetricsApi {
  private readonly backend: BackendRequests;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new BackendRequests('platform-metrics', options);
  }

  async summary(days: number): Promise<PlatformMetrics> {
    return platformMetricsSchema.parse(
      await this.backend.request(`/summary?days=${days}`),
    );
  }

  csv(days: number): Promise<Blob> {
    return this.backend.request(`/summary.csv?days=${days}`, undefined, res =>
      res.blob(),
    );
  }
}
