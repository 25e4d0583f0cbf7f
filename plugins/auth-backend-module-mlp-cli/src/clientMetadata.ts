/** Where the mlp command line's client metadata document is served, under the auth backend. */
export const MLP_CLI_CLIENT_PATH = '/mlp-cli/client.json';

/** The name the portal's consent page shows for the mlp command line. */
export const MLP_CLI_CLIENT_NAME = 'mlp, the ML Platform command line';

/**
 * The OAuth client metadata document (a Client ID Metadata Document) of the mlp command line.
 * Its URL is its client id. mlp is a public client: no secret, PKCE, a loopback redirect on
 * any port (RFC 8252), and `offline_access` for a refresh token that keeps it logged in.
 */
export function mlpCliClientMetadata(authBaseUrl: string) {
  return {
    client_id: `${authBaseUrl}${MLP_CLI_CLIENT_PATH}`,
    client_name: MLP_CLI_CLIENT_NAME,
    redirect_uris: ['http://127.0.0.1/callback'],
    response_types: ['code'],
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'none',
    scope: 'openid offline_access',
  };
}
