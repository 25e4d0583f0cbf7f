import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  CliSession,
  CliSessionsAnswer,
  CreatedServiceToken,
  ServiceToken,
  ServiceTokenRequest,
} from '@internal/plugin-cli-access-common';

/** The command-line logins of the signed-in user (a keeper: of everyone, with `all`). */
export interface CliAccessApi {
  listSessions(options?: { all?: boolean }): Promise<CliSessionsAnswer>;
  revokeSession(id: string): Promise<CliSession>;
  /** Service tokens for automation (platform keepers). */
  listServiceTokens(): Promise<ServiceToken[]>;
  createServiceToken(
    request: ServiceTokenRequest,
  ): Promise<CreatedServiceToken>;
  revokeServiceToken(id: string): Promise<ServiceToken>;
}

export const cliAccessApiRef = createApiRef<CliAccessApi>({
  id: 'plugin.cli-access.service',
});
