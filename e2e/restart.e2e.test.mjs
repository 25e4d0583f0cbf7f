// Runs after the backend restarted on the SQLite files of the first end-to-end run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { api, eventually, guestToken } from './api.mjs';
import { coderApi, coderToken } from './coder.mjs';

test('data survives a restart', async () => {
  const expected = readFileSync('data/e2e/restart-check', 'utf8');
  const { token } = await guestToken();
  const setting = await api(
    '/api/user-settings/buckets/e2e/keys/restart-check',
    { token },
  );
  assert.equal(setting.status, 200, setting.text);
  assert.equal(setting.json.value, expected);
  const models = await eventually(async () => {
    const r = await api('/api/catalog/entities?filter=spec.type=ml-model', {
      token,
    });
    return r.json?.length >= 3 ? r.json : undefined;
  });
  assert.ok(models, 'catalog is empty after restart');
});

test('GPU quota requests and their audit trail survive a restart', async () => {
  const { token } = await guestToken();
  const approved = await api(
    '/api/gpu-quota/requests?team=nlp-team&status=approved',
    { token },
  );
  assert.equal(approved.status, 200, approved.text);
  const request = approved.json.requests.find(r =>
    r.justification.startsWith('Two more GPUs for the multilingual'),
  );
  assert.ok(request, 'the request approved in the first run is gone');
  const audit = await api(`/api/gpu-quota/audit?requestId=${request.id}`, {
    token,
  });
  assert.deepEqual(
    audit.json.events.map(e => e.action),
    ['requested', 'approved'],
  );
});

test("a user's Coder connection survives a restart, and the sealed token still opens", async () => {
  const { token } = await guestToken();
  const connection = await api('/api/coder/connection', { token });
  assert.equal(connection.status, 200, connection.text);
  assert.equal(connection.json.status, 'connected');
  assert.equal(connection.json.username, 'amira-haddad');
  // Listing calls Coder with the stored token: it must decrypt after the restart, and Coder must
  // accept it (a token it refused would read as not connected).
  const list = await api('/api/coder/workspaces', { token });
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.status, 'ok', list.text);
  const { json: inCoder } = await coderApi(
    coderToken('amira.haddad'),
    `/workspaces?q=${encodeURIComponent('owner:me')}`,
  );
  assert.deepEqual(
    list.json.workspaces.map(w => w.id).sort(),
    inCoder.workspaces.map(w => w.id).sort(),
  );
});
