import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  type CliSession,
  type CliSessionsAnswer,
  type CreatedServiceToken,
  type ServiceToken,
  type ServiceTokenRequest,
  cliSessionSchema,
  cliSessionsAnswerSchema,
  createdServiceTokenSchema,
  serviceTokenSchema,
  serviceTokensAnswerSchema,
} from '@internal/plugin-cli-access-common';
import { BackendRequests } from '@internal/plugin-mlp-react';
import { z } from 'zod';
import type { CliAccessApi } from './CliAccessApi';

/** The logins live in the auth backend (its mlp-cli module answers for them). */
const PLUGIN_ID = 'auth';
const revokedSchema = z.object({ session: cliSessionSchema });
const revokedTokenSchema = z.object({ serviceToken: serviceTokenSchema });

/** Talks to /api/auth/mlp-cli through fetchApi, so every call carries the user's token. */
export class CliAccessClient implements CliAccessApi {
  private readonly backend: BackendRequests;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new BackendRequests(PLUGIN_ID, options);
  }

  async listSessions(options?: { all?: boolean }): Promise<CliSessionsAnswer> {
    const query = options?.all ? '?all=true' : '';
    return cliSessionsAnswerSchema.parse(
      await this.backend.request(`/mlp-cli/sessions${query}`),
    );
  }

  async revokeSession(id: string): Promise<CliSession> {
    const answer = await this.backend.request(
      `/mlp-cli/sessions/${encodeURIComponent(id)}`,
      { method: 'DELETE' },
    );
    return revokedSchema.parse(answer).session;
  }

  async listServiceTokens(): Promise<ServiceToken[]> {
    return serviceTokensAnswerSchema.parse(
      await this.backend.request('/mlp-cli/service-tokens'),
    ).tokens;
  }

  async createServiceToken(
    request: ServiceTokenRequest,
  ): Promise<CreatedServiceToken> {
    return createdServiceTokenSchema.parse(
      await this.backend.request('/mlp-cli/service-tokens', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      }),
    );
  }

  async revokeServiceToken(id: string): Promise<ServiceToken> {
    const answer = await this.backend.request(
      `/mlp-cli/service-tokens/${encodeURIComponent(id)}`,
      { method: 'DELETE' },
    );
    return revokedTokenSchema.parse(answer).serviceToken;
  }
}
