// Test-only: the real Coder server scripts/services.sh started (scripts/services/coder.sh), read
// through its own API v2 with the bootstrap's admin session. Each test file makes Coder users of
// its own, so runs never see each other's workspaces.
import { localServiceSetting } from '@internal/plugin-mlp-kube-node/testUtils';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type LocalCoder = { url: string; adminToken: string; templates: string };
export type CoderTestUser = {
  id: string;
  username: string;
  password: string;
  token: string;
};

export function localCoder(): LocalCoder {
  const dir = localServiceSetting('MLP_CODER_DIR', 'postgres coder');
  const tokens = JSON.parse(readFileSync(join(dir, 'tokens.json'), 'utf8'));
  return {
    url: localServiceSetting('MLP_CODER_URL', 'postgres coder'),
    adminToken: tokens.admin.token,
    templates: localServiceSetting('MLP_CODER_TEMPLATES', 'postgres coder'),
  };
}

class CoderTestError extends Error {
  name = 'CoderTestError';
}

/** One request to Coder; answers the status and the parsed body (undefined when empty). */
export async function coderCall(
  coder: LocalCoder,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; tar?: Buffer } = {},
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {
    'Coder-Session-Token': options.token ?? coder.adminToken,
  };
  let body: BodyInit | undefined;
  if (options.tar) {
    headers['Content-Type'] = 'application/x-tar';
    body = new Uint8Array(options.tar);
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await fetch(`${coder.url}/api/v2${path}`, {
    method,
    headers,
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function expectOk(
  answer: Promise<{ status: number; body: any }>,
  what: string,
) {
  const { status, body } = await answer;
  if (status >= 300) {
    throw new CoderTestError(
      `${what}: Coder answered ${status} ${JSON.stringify(body)}`,
    );
  }
  return body;
}

/** A new active Coder user (password login, signed in once) and its session token. */
export async function createCoderUser(
  coder: LocalCoder,
  prefix: string,
): Promise<CoderTestUser> {
  const username = `${prefix}-${randomBytes(3).toString('hex')}`;
  const password = `test-${randomBytes(8).toString('hex')}`;
  const [org] = await expectOk(
    coderCall(coder, 'GET', '/users/me/organizations'),
    'organizations',
  );
  const user = await expectOk(
    coderCall(coder, 'POST', '/users', {
      body: {
        email: `${username}@example.com`,
        username,
        password,
        login_type: 'password',
        organization_ids: [org.id],
      },
    }),
    `creating user ${username}`,
  );
  return {
    id: user.id,
    username,
    password,
    token: await signIn(coder, username, password),
  };
}

/** A new session of the user (a second token). */
export async function signIn(
  coder: LocalCoder,
  username: string,
  password: string,
) {
  const session = await expectOk(
    coderCall(coder, 'POST', '/users/login', {
      body: { email: `${username}@example.com`, password },
    }),
    `signing in ${username}`,
  );
  return session.session_token as string;
}

/** Ends a session in Coder: from then on Coder answers 401 to its token. */
export async function signOut(coder: LocalCoder, token: string) {
  await expectOk(
    coderCall(coder, 'POST', '/users/logout', { token }),
    'logout',
  );
}

/** Installs one of the echo archives services/coder/build.sh made, unless Coder has it already. */
export async function ensureTemplate(coder: LocalCoder, name: string) {
  const [org] = await expectOk(
    coderCall(coder, 'GET', '/users/me/organizations'),
    'organizations',
  );
  const found = await coderCall(
    coder,
    'GET',
    `/organizations/${org.id}/templates/${name}`,
  );
  if (found.status === 200) return found.body;
  const file = await expectOk(
    coderCall(coder, 'POST', '/files', {
      tar: readFileSync(join(coder.templates, `${name}.tar`)),
    }),
    `uploading ${name}.tar`,
  );
  const version = await expectOk(
    coderCall(coder, 'POST', `/organizations/${org.id}/templateversions`, {
      body: { storage_method: 'file', file_id: file.hash, provisioner: 'echo' },
    }),
    `template version of ${name}`,
  );
  for (let i = 0; i < 120; i++) {
    const v = await expectOk(
      coderCall(coder, 'GET', `/templateversions/${version.id}`),
      'template version',
    );
    if (v.job.status === 'succeeded') break;
    if (v.job.status === 'failed') {
      throw new CoderTestError(`importing ${name}: ${v.job.error}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
  const template = await coderCall(
    coder,
    'POST',
    `/organizations/${org.id}/templates`,
    { body: { name, template_version_id: version.id } },
  );
  // Another test file may have made it meanwhile.
  if (template.status === 409) return ensureTemplate(coder, name);
  await expectOk(
    coderCall(coder, 'PATCH', `/templates/${template.body.id}`, {
      body: { use_classic_parameter_flow: true },
    }),
    `classic parameter flow for ${name}`,
  );
  return template.body;
}

/** The user's workspaces as Coder lists them (deleted ones are not listed). */
export async function coderWorkspaces(coder: LocalCoder, username: string) {
  const answer = await expectOk(
    coderCall(
      coder,
      'GET',
      `/workspaces?q=${encodeURIComponent(`owner:${username}`)}`,
    ),
    `workspaces of ${username}`,
  );
  return answer.workspaces as Array<{
    id: string;
    name: string;
    ttl_ms?: number;
    latest_build: { transition: string; status: string };
  }>;
}
