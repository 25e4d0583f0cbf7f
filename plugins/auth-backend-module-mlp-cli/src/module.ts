import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { MLP_CLI_CLIENT_NAME, MLP_CLI_CLIENT_PATH } from './clientMetadata';
import { authProvidersExtensionPoint } from '@backstage/plugin-auth-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createRouter } from './router';
import { DatabaseServiceTokenStore } from './serviceTokens/DatabaseServiceTokenStore';
import { DatabaseSignInStore } from './signIns/DatabaseSignInStore';
import {
  SERVICE_TOKEN_PROVIDER_ID,
  serviceTokenProvider,
} from './serviceTokens/provider';
import { ServiceTokens } from './serviceTokens/ServiceTokens';
import { CliSessions } from './sessions/CliSessions';
import { DatabaseCliSessionStore } from './sessions/DatabaseCliSessionStore';
import { readLifetimes } from './sessions/lifetimes';

/**
 * Serves the mlp command line's client metadata document at /api/auth/mlp-cli/client.json,
 * and the CLI access page's API: each user's command-line logins, revoking them, and the host
 * mlp reports (/api/auth/mlp-cli/sessions); and service tokens for automation, which keepers
 * make there (/api/auth/mlp-cli/service-tokens) and the mlpServiceToken sign-in provider turns
 * into user tokens (/api/auth/mlpServiceToken/refresh).
 * The login itself is the auth backend's: its authorization endpoint, the app's consent page
 * (/oauth2/authorize), its token endpoint with refresh tokens (auth.experimentalRefreshToken).
 * auth.clientIdMetadataDocuments.allowedClientIdPatterns must list this document's URL.
 */
export const authModuleMlpCli = createBackendModule({
  pluginId: 'auth',
  moduleId: 'mlp-cli',
  register(reg) {
    reg.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        database: coreServices.database,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        providers: authProvidersExtensionPoint,
      },
      async init({
        httpRouter,
        logger,
        discovery,
        httpAuth,
        permissions,
        database,
        config,
        auth,
        catalog,
        providers,
      }) {
        // The module shares the auth plugin's database: its offline sessions are the logins.
        const authBaseUrl = await discovery.getExternalBaseUrl('auth');
        const sessionStore = await DatabaseCliSessionStore.create({ database });
        const sessions = new CliSessions(
          sessionStore,
          permissions,
          readLifetimes(config),
          {
            [`${authBaseUrl}${MLP_CLI_CLIENT_PATH}`]: MLP_CLI_CLIENT_NAME,
            [`${authBaseUrl}/.well-known/oauth-client/cli.json`]:
              'Backstage CLI',
          },
        );
        // Service tokens for automation, signed in by their own provider as their user.
        const serviceTokens = new ServiceTokens(
          new DatabaseServiceTokenStore(await database.getClient()),
          permissions,
          catalog,
          auth,
        );
        providers.registerProvider({
          providerId: SERVICE_TOKEN_PROVIDER_ID,
          factory: serviceTokenProvider(serviceTokens),
        });
        httpRouter.use(
          await createRouter({
            authBaseUrl: () => discovery.getExternalBaseUrl('auth'),
            httpAuth,
            sessions,
            serviceTokens,
            signIns: new DatabaseSignInStore(await database.getClient()),
            logger,
          }),
        );
        httpRouter.addAuthPolicy({
          path: MLP_CLI_CLIENT_PATH,
          allow: 'unauthenticated',
        });
      },
    });
  },
});
