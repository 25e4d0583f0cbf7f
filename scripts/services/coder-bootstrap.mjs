#!/usr/bin/env node
// Bootstraps the local Coder server once (each step checks first, so a second run changes
// nothing): the first user (admin, the owner), a Coder user for each person of catalog/org.yaml
// (active, password login), a session token per user written to DIR/tokens.json (the demo and the
// tests connect with them), and the demo's workspace templates from the echo archives that
// services/coder/build.sh made for this Coder version.
//   node coder-bootstrap.mjs URL DIR TEMPLATES_DIR
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const [url, dir, templatesDir] = process.argv.slice(2);
if (!url || !dir || !templatesDir) {
  console.error('usage: coder-bootstrap.mjs URL DIR TEMPLATES_DIR');
  process.exit(2);
}
const root = new URL('../..', import.meta.url).pathname;
// Local only: these passwords open a Coder on loopback with simulated workspaces.
const ADMIN = {
  username: 'admin',
  email: 'admin@example.com',
  name: 'Admin',
  password: 'mlp-local-admin-1',
};
const userPassword = username => `mlp-local-${username}-1`;
const log = m => console.error(`[coder-bootstrap] ${m}`);

class CoderAnswerError extends Error {}

/** One request path: JSON in and out, the session token when there is one. */
async function call(method, path, { token, body, raw, type } = {}) {
  const headers = {};
  if (token) headers['Coder-Session-Token'] = token;
  if (body !== undefined) headers['Content-Type'] = type ?? 'application/json';
  const res = await fetch(`${url}/api/v2${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  return { status: res.status, json };
}
async function ok(method, path, options, want = [200, 201]) {
  const answer = await call(method, path, options);
  if (!want.includes(answer.status)) {
    throw new CoderAnswerError(
      `${method} ${path}: ${answer.status} ${JSON.stringify(answer.json)}`,
    );
  }
  return answer.json;
}

/** The catalog's people, as Coder usernames (Coder allows no dots: amira.haddad → amira-haddad). */
function catalogPeople() {
  const docs = parseAllDocuments(
    readFileSync(join(root, 'catalog/org.yaml'), 'utf8'),
  );
  return docs
    .map(d => d.toJS())
    .filter(e => e?.kind === 'User' && e.spec?.profile?.email)
    .map(e => ({
      entity: e.metadata.name,
      username: e.metadata.name.replace(/[^a-zA-Z0-9]+/g, '-'),
      email: e.spec.profile.email,
      name: e.spec.profile.displayName,
    }));
}

async function login(email, password) {
  return (await ok('POST', '/users/login', { body: { email, password } }))
    .session_token;
}

const first = await call('GET', '/users/first');
if (first.status === 404) {
  await ok('POST', '/users/first', { body: { ...ADMIN, trial: false } });
  log('created the first user, admin (owner)');
}
const admin = await login(ADMIN.email, ADMIN.password);
const [org] = await ok('GET', '/users/me/organizations', { token: admin });

const tokens = { admin: { username: 'admin', token: admin } };
for (const person of catalogPeople()) {
  const found = await call('GET', `/users/${person.username}`, {
    token: admin,
  });
  if (found.status !== 200) {
    await ok('POST', '/users', {
      token: admin,
      body: {
        email: person.email,
        username: person.username,
        name: person.name,
        password: userPassword(person.username),
        login_type: 'password',
        user_status: 'active',
        organization_ids: [org.id],
      },
    });
    log(`created user ${person.username}`);
  }
  tokens[person.entity] = {
    username: person.username,
    token: await login(person.email, userPassword(person.username)),
  };
}

/** The demo's templates: display name and description of each echo archive installed. */
const TEMPLATES = {
  'gpu-workspace': {
    display_name: 'GPU workspace',
    description: 'A Kubernetes pod with GPUs and a cloned repository',
  },
  'cpu-notebook': {
    display_name: 'CPU notebook',
    description: 'A Jupyter notebook without GPUs',
  },
};

async function installTemplate(name, meta) {
  const found = await call(
    'GET',
    `/organizations/${org.id}/templates/${name}`,
    {
      token: admin,
    },
  );
  if (found.status === 200) return;
  const archive = readFileSync(join(templatesDir, `${name}.tar`));
  const file = await ok('POST', '/files', {
    token: admin,
    body: archive,
    raw: true,
    type: 'application/x-tar',
  });
  const version = await ok(
    'POST',
    `/organizations/${org.id}/templateversions`,
    {
      token: admin,
      body: { storage_method: 'file', file_id: file.hash, provisioner: 'echo' },
    },
  );
  for (let i = 0; ; i++) {
    const v = await ok('GET', `/templateversions/${version.id}`, {
      token: admin,
    });
    if (v.job.status === 'succeeded') break;
    if (['failed', 'canceled'].includes(v.job.status) || i > 120) {
      throw new CoderAnswerError(
        `template ${name}: import ${v.job.status}: ${
          v.job.error ?? 'no error given'
        }`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }
  const template = await ok('POST', `/organizations/${org.id}/templates`, {
    token: admin,
    body: { name, ...meta, template_version_id: version.id },
  });
  // The portal reads the template's rich parameters and sends their values itself: the classic
  // flow (dynamic parameters would need terraform to evaluate the template).
  await ok('PATCH', `/templates/${template.id}`, {
    token: admin,
    body: { use_classic_parameter_flow: true },
  });
  log(`created template ${name}`);
}

for (const [name, meta] of Object.entries(TEMPLATES)) {
  await installTemplate(name, meta);
}
writeFileSync(
  join(dir, 'tokens.json'),
  `${JSON.stringify(tokens, null, 2)}\n`,
  { mode: 0o600 },
);
log(
  `ready: ${Object.keys(tokens).length} users, templates ${Object.keys(
    TEMPLATES,
  ).join(', ')}`,
);
