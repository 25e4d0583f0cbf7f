import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';

/**
 * The one request path of a plugin's API client: to the plugin's backend through fetchApi, so
 * every call carries the user's token; a failed answer becomes a ResponseError that keeps the
 * server's message.
 */
export class BackendRequests {
  constructor(
    private readonly pluginId: string,
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async request<T>(
    path: string,
    init?: RequestInit,
    read: (res: Response) => Promise<T> = res => res.json(),
  ): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(this.pluginId);
    const res = await this.options.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return read(res);
  }
}
