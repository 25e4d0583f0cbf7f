// The local Coder the portal under test uses (scripts/services/coder.sh; data/services/services.env
// names it), read through Coder's own API v2 with the session tokens its bootstrap wrote.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function setting(key) {
  const env = readFileSync(join(root, 'data/services/services.env'), 'utf8');
  const value = new RegExp(`^${key}=(.*)$`, 'm').exec(env)?.[1];
  if (!value) throw new Error(`data/services/services.env names no ${key}`);
  return value;
}

export const CODER_URL = setting('MLP_CODER_URL');

/** The session token the bootstrap made for a catalog user (e.g. amira.haddad). */
export function coderToken(user) {
  const tokens = JSON.parse(
    readFileSync(join(setting('MLP_CODER_DIR'), 'tokens.json'), 'utf8'),
  );
  if (!tokens[user])
    throw new Error(`the Coder bootstrap made no user ${user}`);
  return tokens[user].token;
}

/** One call to Coder's API: the status and the parsed body. */
export async function coderApi(token, path, { method = 'GET', body } = {}) {
  const res = await fetch(`${CODER_URL}/api/v2${path}`, {
    method,
    headers: {
      'Coder-Session-Token': token,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** The user's workspace of this name, as Coder lists it (undefined when there is none). */
export async function coderWorkspace(token, name) {
  const { json } = await coderApi(
    token,
    `/workspaces?q=${encodeURIComponent(`owner:me name:${name}`)}`,
  );
  return json.workspaces.find(w => w.name === name);
}
