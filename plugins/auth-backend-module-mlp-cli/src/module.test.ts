// The mlp login flow against Backstage's real auth backend with this module: the client
// metadata document, the authorization endpoint, approval by the signed-in user, the code
// exchange with PKCE, and refresh-token rotation.
import { createHash, randomBytes } from 'node:crypto';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { MLP_CLI_CLIENT_NAME } from './clientMetadata';
import { authModuleMlpCli } from './module';

jest.setTimeout(60_000);

// The auth backend fetches client metadata over plain HTTP from localhost in development only.
const nodeEnv = process.env.NODE_ENV;
beforeAll(() => {
  process.env.NODE_ENV = 'development';
});
afterAll(() => {
  process.env.NODE_ENV = nodeEnv;
});

const REDIRECT = 'http://127.0.0.1:41234/callback';
const base64url = (b: Buffer) => b.toString('base64url');

async function start() {
  return startTestBackend({
    features: [
      authPlugin,
      authModuleMlpCli,
      // A request without a token is anonymous, as in the real backend.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'mock', namespace: 'default' },
            spec: {},
          },
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: {
            providers: { mlpServiceToken: {} },
            experimentalRefreshToken: { enabled: true },
            clientIdMetadataDocuments: {
              enabled: true,
              allowedClientIdPatterns: [
                'http://localhost:*/api/auth/mlp-cli/client.json',
              ],
            },
          },
        },
      }),
    ],
  });
}

describe('mlp login through the auth backend', () => {
  let backend: Awaited<ReturnType<typeof start>>;
  let clientId: string;
  beforeAll(async () => {
    backend = await start();
  });
  afterAll(() => backend.stop());

  /** Starts an authorization as mlp does; answers the consent session's id and the verifier. */
  async function authorize() {
    const verifier = base64url(randomBytes(32));
    const challenge = base64url(createHash('sha256').update(verifier).digest());
    const res = await request(backend.server)
      .get('/api/auth/v1/authorize')
      .query({
        client_id: clientId,
        redirect_uri: REDIRECT,
        response_type: 'code',
        scope: 'openid offline_access',
        state: 'the-state',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
    expect(res.status).toBe(302);
    const match = res.headers.location.match(
      /^http:\/\/localhost:3000\/oauth2\/authorize\/([\w-]+)$/,
    );
    expect(match).not.toBeNull();
    return { sessionId: match![1], verifier };
  }

  /** The signed-in user approves on the consent page; answers the code sent to mlp. */
  async function approve(sessionId: string) {
    const session = await request(backend.server)
      .get(`/api/auth/v1/sessions/${sessionId}`)
      .set('Authorization', mockCredentials.user.header());
    expect(session.body).toMatchObject({
      clientName: MLP_CLI_CLIENT_NAME,
      redirectUri: REDIRECT,
    });
    const approved = await request(backend.server)
      .post(`/api/auth/v1/sessions/${sessionId}/approve`)
      .set('Authorization', mockCredentials.user.header());
    expect(approved.status).toBe(200);
    const redirect = new URL(approved.body.redirectUrl);
    expect(redirect.origin + redirect.pathname).toBe(REDIRECT);
    expect(redirect.searchParams.get('state')).toBe('the-state');
    return redirect.searchParams.get('code')!;
  }

  const token = (form: Record<string, string>) =>
    request(backend.server).post('/api/auth/v1/token').type('form').send(form);

  it('serves the client metadata document without sign-in', async () => {
    const port = backend.server.port();
    const res = await request(backend.server).get(
      '/api/auth/mlp-cli/client.json',
    );
    expect(res.status).toBe(200);
    clientId = `http://localhost:${port}/api/auth/mlp-cli/client.json`;
    expect(res.body).toMatchObject({
      client_id: clientId,
      client_name: MLP_CLI_CLIENT_NAME,
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
    });
  });

  it('answers the CLI access API to signed-in users only', async () => {
    const anonymous = await request(backend.server).get(
      '/api/auth/mlp-cli/sessions',
    );
    expect(anonymous.status).toBe(401);
    const service = await request(backend.server)
      .get('/api/auth/mlp-cli/sessions')
      .set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(403);
  });

  it('logs in with PKCE, refreshes with rotation, and refuses a wrong verifier or code', async () => {
    const { sessionId, verifier } = await authorize();
    const code = await approve(sessionId);

    const wrongVerifier = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: base64url(randomBytes(32)),
    });
    expect(wrongVerifier.status).toBe(400);

    const guessed = await token({
      grant_type: 'authorization_code',
      code: base64url(randomBytes(24)),
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    expect(guessed.status).toBe(400);
    expect(guessed.body.error).toBe('invalid_grant');

    // A code is used once; the wrong verifier above may have spent it, so log in again.
    const second = await authorize();
    const goodCode = await approve(second.sessionId);
    const tokens = await token({
      grant_type: 'authorization_code',
      code: goodCode,
      redirect_uri: REDIRECT,
      code_verifier: second.verifier,
    });
    expect(tokens.status).toBe(200);
    expect(tokens.body.access_token).toEqual(expect.any(String));
    expect(tokens.body.refresh_token).toEqual(expect.any(String));
    const claims = JSON.parse(
      Buffer.from(
        tokens.body.access_token.split('.')[1],
        'base64url',
      ).toString(),
    );
    expect(claims.sub).toBe('user:default/mock');

    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: tokens.body.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(tokens.body.refresh_token);

    // The old refresh token was rotated away.
    const reused = await token({
      grant_type: 'refresh_token',
      refresh_token: tokens.body.refresh_token,
    });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');

    // mlp logout revokes the login with the client id alone (a public client has no secret).
    const revoked = await request(backend.server)
      .post('/api/auth/v1/revoke')
      .type('form')
      .send({ token: refreshed.body.refresh_token, client_id: clientId });
    expect(revoked.status).toBe(200);
    const afterRevoke = await token({
      grant_type: 'refresh_token',
      refresh_token: refreshed.body.refresh_token,
    });
    expect(afterRevoke.status).toBe(400);
  });

  it('lists the login on the CLI access API with its host, and revoking it there ends it', async () => {
    const { sessionId, verifier } = await authorize();
    const code = await approve(sessionId);
    const tokens = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    expect(tokens.status).toBe(200);
    const id = tokens.body.refresh_token.split('.')[0];
    const asUser = () => mockCredentials.user.header();

    const host = await request(backend.server)
      .put(`/api/auth/mlp-cli/sessions/${id}/host`)
      .set('Authorization', asUser())
      .send({ host: 'amira-laptop' });
    expect(host.status).toBe(200);
    const badHost = await request(backend.server)
      .put(`/api/auth/mlp-cli/sessions/${id}/host`)
      .set('Authorization', asUser())
      .send({ host: 'two words' });
    expect(badHost.status).toBe(400);
    expect(badHost.body.error.message).toMatch(/host: may hold letters/);

    const listed = await request(backend.server)
      .get('/api/auth/mlp-cli/sessions')
      .set('Authorization', asUser());
    expect(listed.status).toBe(200);
    const mine = listed.body.sessions.find((x: { id: string }) => x.id === id);
    expect(mine).toMatchObject({
      userEntityRef: 'user:default/mock',
      client: MLP_CLI_CLIENT_NAME,
      host: 'amira-laptop',
    });
    const days =
      (Date.parse(mine.expiresAt) - Date.parse(mine.lastUsedAt)) / 86_400_000;
    expect(Math.round(days)).toBe(30);

    const revoked = await request(backend.server)
      .delete(`/api/auth/mlp-cli/sessions/${id}`)
      .set('Authorization', asUser());
    expect(revoked.status).toBe(200);
    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: tokens.body.refresh_token,
    });
    expect(refreshed.status).toBe(400);
    const again = await request(backend.server)
      .delete(`/api/auth/mlp-cli/sessions/${id}`)
      .set('Authorization', asUser());
    expect(again.status).toBe(404);
  });
});

describe('service tokens for automation', () => {
  let backend: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    backend = await start();
  });
  afterAll(() => backend.stop());

  const signIn = (token: string) =>
    request(backend.server)
      .get('/api/auth/mlpServiceToken/refresh')
      .set('x-mlp-service-token', token);

  it('signs in as the token’s user with an ordinary user token, until the token is revoked', async () => {
    const created = await request(backend.server)
      .post('/api/auth/mlp-cli/service-tokens')
      .set('Authorization', mockCredentials.user.header())
      .send({ user: 'user:default/mock', name: 'nightly training', days: 30 });
    expect(created.status).toBe(201);
    const { token, serviceToken } = created.body;
    expect(token).toMatch(/^mlpst_[0-9a-f-]{36}_[\w-]{43}$/);
    expect(serviceToken).toMatchObject({
      userEntityRef: 'user:default/mock',
      name: 'nightly training',
      createdBy: 'user:default/mock',
    });

    const signedIn = await signIn(token);
    expect(signedIn.status).toBe(200);
    const claims = JSON.parse(
      Buffer.from(
        signedIn.body.backstageIdentity.token.split('.')[1],
        'base64url',
      ).toString(),
    );
    expect(claims.sub).toBe('user:default/mock');

    const listed = await request(backend.server)
      .get('/api/auth/mlp-cli/service-tokens')
      .set('Authorization', mockCredentials.user.header());
    expect(listed.body.tokens[0].lastUsedAt).toEqual(expect.any(String));
    const secret = token.match(/^mlpst_[0-9a-f-]{36}_(.{43})$/)?.[1];
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const wrong = await signIn(`${token.slice(0, -4)}AAAA`);
    expect(wrong.status).toBe(401);

    const revoked = await request(backend.server)
      .delete(`/api/auth/mlp-cli/service-tokens/${serviceToken.id}`)
      .set('Authorization', mockCredentials.user.header());
    expect(revoked.status).toBe(200);
    const after = await signIn(token);
    expect(after.status).toBe(401);
    expect(JSON.stringify(after.body)).toMatch(/revoked or never existed/);
  });

  it('records who signed in, for other plugins only', async () => {
    const created = await request(backend.server)
      .post('/api/auth/mlp-cli/service-tokens')
      .set('Authorization', mockCredentials.user.header())
      .send({ user: 'user:default/mock', name: 'sign-ins', days: 1 });
    const before = Date.now();
    expect((await signIn(created.body.token)).status).toBe(200);
    expect((await signIn(created.body.token)).status).toBe(200);
    // A refused sign-in is no sign-in.
    expect((await signIn('mlpst_nothing')).status).toBe(401);

    const listed = await request(backend.server)
      .get('/api/auth/mlp-cli/sign-ins')
      .set('Authorization', mockCredentials.service.header());
    expect(listed.status).toBe(200);
    const mock = listed.body.signIns.find(
      (s: { userEntityRef: string }) => s.userEntityRef === 'user:default/mock',
    );
    expect(mock.count).toBeGreaterThanOrEqual(2);
    expect(Date.parse(mock.lastAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(listed.body.signIns).toHaveLength(1);

    const asUser = await request(backend.server)
      .get('/api/auth/mlp-cli/sign-ins')
      .set('Authorization', mockCredentials.user.header());
    expect(asUser.status).toBe(403);
  });

  it('names the field of a bad request', async () => {
    const res = await request(backend.server)
      .post('/api/auth/mlp-cli/service-tokens')
      .set('Authorization', mockCredentials.user.header())
      .send({ user: 'nlp-ci', name: 'x', days: 30 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /user: is not a user reference: write it as user:default\/nlp-ci/,
    );
    const unknown = await request(backend.server)
      .post('/api/auth/mlp-cli/service-tokens')
      .set('Authorization', mockCredentials.user.header())
      .send({ user: 'user:default/nobody', name: 'x', days: 30 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(
      /user: user:default\/nobody is not a user in the catalog/,
    );
  });
});

describe('guessing at the token endpoint', () => {
  let backend: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    backend = await start();
  });
  afterAll(() => backend.stop());

  it('refuses 1,000 guessed codes, and after the first ten each one at once with 429', async () => {
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let i = 0; i < 1000; i++) {
      last = await request(backend.server)
        .post('/api/auth/v1/token')
        .type('form')
        .send({
          grant_type: 'authorization_code',
          code: base64url(randomBytes(24)),
          redirect_uri: REDIRECT,
          code_verifier: base64url(randomBytes(32)),
        });
      statuses.push(last.status);
    }
    expect(last?.body.error_description).toMatch(
      /^Too many failed sign-in attempts from this address: try again in \d+ s$/,
    );
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses.slice(10).every(s => s === 429)).toBe(true);
  });
});
