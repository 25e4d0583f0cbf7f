// startFakeCoder: the fake Coder server on node:http, with its test controls. Requests under
// /api/v2 are authenticated (where Coder requires it) the way httpmw.ExtractAPIKey does, then
// routed (routes.ts); every answer is JSON with Coder's status code and body.
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { CoderHttpError, httpError, routeNotFound, signedOut } from './errors';
import { advanceBuilds } from './lifecycle';
import { parameterRecord } from './parameters';
import { matchRoute, nameValid } from './routes';
import { Json, templateJson } from './shapes';
import {
  FakeCoderStore,
  FakeParameterSpec,
  newSessionToken,
  sessionTokenFormatError,
  TemplateRecord,
  UserRecord,
  UserStatus,
} from './store';

export interface FakeCoderOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Length of each build step (pending, then running/starting/stopping/deleting). Default 0. */
  buildStepMs?: number;
  /** Clock in epoch ms, for tests that step time by hand. Default Date.now. */
  now?: () => number;
  /** What GET /buildinfo reports as the version. */
  version?: string;
}

export interface FakeCoderRequest {
  method: string;
  /** The path, e.g. `/api/v2/workspaces`. */
  path: string;
  /** The query parameters (the last value of each). */
  query: Record<string, string>;
  /** The raw query string without `?`. */
  search: string;
  /** The status the fake answered with. */
  status?: number;
}

export interface FakeCoderUserInput {
  username: string;
  email?: string;
  name?: string;
  /** Site roles; `owner` sees and acts on every user's workspaces. */
  roles?: string[];
  /** A fixed session token in Coder's format (`<10 chars>-<22 chars>`); random when omitted. */
  token?: string;
  /** Member of the default organization (default true). */
  organizationMember?: boolean;
  /** Quota budget in credits (default 0, as a user in no group with an allowance). */
  quotaBudget?: number;
}

export interface FakeCoderUser {
  id: string;
  username: string;
  token: string;
}

export interface FakeTemplateInput {
  name: string;
  displayName?: string;
  description?: string;
  icon?: string;
  parameters?: FakeParameterSpec[];
  /** Credits per day a running workspace of this template costs (default 0: no quota check). */
  dailyCost?: number;
  /** The template's default autostop TTL in ms (default 0: none). */
  defaultTtlMs?: number;
}

export interface FakeCoder {
  /** Base URL, e.g. `http://127.0.0.1:7480`; the API is under `${url}/api/v2`. */
  readonly url: string;
  readonly defaultOrganization: { id: string; name: string };
  /** Every request received, in order (live array). */
  readonly requests: FakeCoderRequest[];
  close(): Promise<void>;
  addUser(input: FakeCoderUserInput): FakeCoderUser;
  /** A new session token for an existing user (Coder users can hold several). */
  addToken(username: string, token?: string): string;
  /** Deletes the token, as `DELETE /users/{user}/keys/{keyid}` does: it then answers 401. */
  revokeToken(token: string): void;
  /** Moves the token's expiry into the past: it then answers 401 "API key expired at ...". */
  expireToken(token: string): void;
  setUserStatus(username: string, status: UserStatus): void;
  /** Adds a template (with one active version holding its parameters); returns codersdk.Template. */
  addTemplate(
    input: FakeTemplateInput,
  ): Json & { id: string; name: string; active_version_id: string };
  setQuotaBudget(username: string, credits: number): void;
  /** Build jobs created from now on fail with this error (undefined: they succeed again). */
  failBuildsWith(message: string | undefined): void;
  /** Step length for builds created from now on. */
  setBuildStepMs(ms: number): void;
}

const SESSION_COOKIE = 'coder_session_token';
const SESSION_HEADER = 'coder-session-token';

/** Go's time.Time.String() in UTC, used in "API key expired at ..." */
function goTimeString(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2024-01-02T03:04:05.678Z
  const [date, rest] = iso.split('T');
  const [time, fraction] = rest.replace('Z', '').split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${date} ${time}${trimmed ? `.${trimmed}` : ''} +0000 UTC`;
}

/** httpmw.APITokenFromRequest: the cookie, then the query parameter, then the header. */
function sessionToken(req: IncomingMessage, url: URL): string {
  const cookies = (req.headers.cookie ?? '').split(';').map(c => c.trim());
  for (const cookie of cookies) {
    if (cookie.startsWith(`${SESSION_COOKIE}=`)) {
      const value = cookie.slice(SESSION_COOKIE.length + 1);
      if (value) return value;
    }
  }
  const fromQuery = url.searchParams.get(SESSION_COOKIE);
  if (fromQuery) return fromQuery;
  const header = req.headers[SESSION_HEADER];
  return (Array.isArray(header) ? header[0] : header) ?? '';
}

function authenticate(
  store: FakeCoderStore,
  token: string,
  now: number,
): UserRecord {
  if (token === '') {
    throw signedOut(
      `Cookie "${SESSION_COOKIE}" or query parameter must be provided.`,
    );
  }
  const formatError = sessionTokenFormatError(token);
  if (formatError) throw signedOut(`Invalid API key format: ${formatError}`);
  const [keyId, secret] = token.split('-');
  const record = store.tokens.get(keyId);
  if (!record) throw signedOut('API key is invalid.');
  if (record.secret !== secret) throw signedOut('API key secret is invalid.');
  if (record.expiresAt < now) {
    throw signedOut(`API key expired at "${goTimeString(record.expiresAt)}".`);
  }
  const user = store.users.get(record.userId)!;
  if (user.status !== 'active') {
    throw httpError(
      401,
      `User is not active (status = "${user.status}"). Contact an admin to reactivate your account.`,
    );
  }
  return user;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeCoder(
  options: FakeCoderOptions = {},
): Promise<FakeCoder> {
  const now = options.now ?? Date.now;
  const version = options.version ?? 'v2.33.0+fake';
  const store = new FakeCoderStore(now, options.buildStepMs ?? 0);
  const requests: FakeCoderRequest[] = [];
  let baseUrl = '';

  function answer(
    res: ServerResponse,
    entry: FakeCoderRequest,
    status: number,
    body: unknown,
  ) {
    entry.status = status;
    if (body === undefined) {
      res.writeHead(status, { 'X-Coder-Build-Version': version });
      res.end();
      return;
    }
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'X-Coder-Build-Version': version,
    });
    res.end(`${JSON.stringify(body)}\n`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake-coder.invalid');
    const entry: FakeCoderRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      search: url.search.replace(/^\?/, ''),
    };
    requests.push(entry);
    const body = await readBody(req);
    try {
      advanceBuilds(store, now());
      if (!url.pathname.startsWith('/api/v2/') && url.pathname !== '/api/v2')
        throw routeNotFound();
      const { route, params } = matchRoute(
        entry.method,
        url.pathname.slice('/api/v2'.length),
      );
      const user = route.auth
        ? authenticate(store, sessionToken(req, url), now())
        : (undefined as unknown as UserRecord);
      const result = route.handler({
        store,
        user,
        params,
        query: url.searchParams,
        body,
        baseUrl,
        version,
      });
      answer(res, entry, result.status, result.body);
    } catch (e) {
      if (e instanceof CoderHttpError) {
        answer(res, entry, e.status, e.body);
      } else {
        answer(res, entry, 500, {
          message: 'An internal server error occurred.',
          detail: e instanceof Error ? e.message : String(e),
        });
      }
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  function userNamed(username: string): UserRecord {
    const user = store.userByUsername(username);
    if (!user) throw new Error(`fake coder: no user ${username}`);
    return user;
  }

  function addToken(username: string, token = newSessionToken()): string {
    const formatError = sessionTokenFormatError(token);
    if (formatError) {
      throw new Error(
        `fake coder: token ${token} is not in Coder's format (<10 chars>-<22 chars>): ${formatError}`,
      );
    }
    const [keyId, secret] = token.split('-');
    if (store.tokens.has(keyId))
      throw new Error(`fake coder: token id ${keyId} is already in use`);
    store.tokens.set(keyId, {
      keyId,
      secret,
      userId: userNamed(username).id,
      expiresAt: Number.MAX_SAFE_INTEGER,
    });
    return token;
  }

  function tokenRecord(token: string) {
    const record = store.tokens.get(token.split('-')[0]);
    if (!record) throw new Error(`fake coder: unknown token ${token}`);
    return record;
  }

  const fake: FakeCoder = {
    url: baseUrl,
    defaultOrganization: {
      id: store.defaultOrganization.id,
      name: store.defaultOrganization.name,
    },
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(err => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    addUser(input) {
      if (!nameValid(input.username))
        throw new Error(`fake coder: invalid username ${input.username}`);
      if (store.userByUsername(input.username))
        throw new Error(`fake coder: user ${input.username} already exists`);
      const user: UserRecord = {
        id: randomUUID(),
        username: input.username,
        email: input.email ?? `${input.username}@example.com`,
        name: input.name ?? '',
        roles: input.roles ?? [],
        organizationIds:
          input.organizationMember === false
            ? []
            : [store.defaultOrganization.id],
        status: 'active',
        createdAt: now(),
        quotaBudget: input.quotaBudget ?? 0,
      };
      store.users.set(user.id, user);
      const token = addToken(user.username, input.token);
      return { id: user.id, username: user.username, token };
    },
    addToken,
    revokeToken(token) {
      store.tokens.delete(tokenRecord(token).keyId);
    },
    expireToken(token) {
      tokenRecord(token).expiresAt = now() - 1000;
    },
    setUserStatus(username, status) {
      userNamed(username).status = status;
    },
    addTemplate(input) {
      if (!nameValid(input.name))
        throw new Error(`fake coder: invalid template name ${input.name}`);
      const org = store.defaultOrganization;
      if (
        [...store.templates.values()].some(
          t =>
            t.organizationId === org.id &&
            t.name.toLowerCase() === input.name.toLowerCase(),
        )
      )
        throw new Error(`fake coder: template ${input.name} already exists`);
      const createdAt = now();
      const template: TemplateRecord = {
        id: randomUUID(),
        organizationId: org.id,
        name: input.name,
        displayName: input.displayName ?? '',
        description: input.description ?? '',
        icon: input.icon ?? '',
        activeVersionId: randomUUID(),
        createdAt,
        createdById: store.templateAuthor.id,
        dailyCost: input.dailyCost ?? 0,
        defaultTtlMs: input.defaultTtlMs ?? 0,
        deprecationMessage: '',
      };
      store.templateVersions.set(template.activeVersionId, {
        id: template.activeVersionId,
        templateId: template.id,
        organizationId: org.id,
        name: 'v1',
        createdAt,
        createdById: store.templateAuthor.id,
        jobId: randomUUID(),
        fileId: randomUUID(),
        parameters: (input.parameters ?? []).map(parameterRecord),
      });
      store.templates.set(template.id, template);
      return templateJson(store, template) as Json & {
        id: string;
        name: string;
        active_version_id: string;
      };
    },
    setQuotaBudget(username, credits) {
      userNamed(username).quotaBudget = credits;
    },
    failBuildsWith(message) {
      store.forcedBuildError = message;
    },
    setBuildStepMs(ms) {
      store.buildStepMs = ms;
    },
  };
  return fake;
}
