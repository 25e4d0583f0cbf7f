import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/**
 * The one way a backend plugin calls another plugin's REST API on behalf of the user (or service)
 * behind `credentials`: a plugin request token for the target, its discovered base URL, and a
 * failed answer as a ResponseError keeping the target's status and message.
 */
export class PluginRequests {
  constructor(
    private readonly pluginId: string,
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  async request<T>(
    path: string,
    credentials: BackstageCredentials,
    init: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown } = {},
  ): Promise<T> {
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: this.pluginId,
    });
    const base = await this.deps.discovery.getBaseUrl(this.pluginId);
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        Authorization: `Bearer ${token}`,
        ...(init.body === undefined
          ? {}
          : { 'Content-Type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
