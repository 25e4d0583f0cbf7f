import { AuthenticationError } from '@backstage/errors';
import {
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import type { ServiceTokens } from './ServiceTokens';

/** The sign-in provider's id: GET /api/auth/mlpServiceToken/refresh answers a user token. */
export const SERVICE_TOKEN_PROVIDER_ID = 'mlpServiceToken';
/** The header that carries the service token. */
export const SERVICE_TOKEN_HEADER = 'x-mlp-service-token';

/**
 * A proxy sign-in provider: a request with a valid service token in its header is signed in as
 * the token's catalog user, with the ownership the catalog gives that user, and answered an
 * ordinary Backstage user token. Enabled by `auth.providers.mlpServiceToken: {}`.
 */
export function serviceTokenProvider(serviceTokens: ServiceTokens) {
  return createProxyAuthProviderFactory<{ userEntityRef: string }>({
    authenticator: createProxyAuthenticator({
      defaultProfileTransform: async () => ({ profile: {} }),
      initialize() {},
      async authenticate({ req }) {
        const token = req.header(SERVICE_TOKEN_HEADER);
        if (!token) {
          throw new AuthenticationError(
            `no service token: send it in the ${SERVICE_TOKEN_HEADER} header`,
          );
        }
        return {
          result: { userEntityRef: await serviceTokens.authenticate(token) },
        };
      },
    }),
    signInResolver: async ({ result }, ctx) =>
      ctx.signInWithCatalogUser({ entityRef: result.userEntityRef }),
  });
}
