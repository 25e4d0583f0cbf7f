// The production bundle (app-config.production.yaml) on PostgreSQL, started by
// scripts/test-production.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api, BACKEND_URL, eventually, guestToken } from './api.mjs';

test('the backend serves the built frontend', async () => {
  const res = await fetch(`${BACKEND_URL}/catalog`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<title>ML Platform<\/title>/);
  const script = html.match(/src="([^"]+\.js)"/)?.[1];
  assert.ok(script, 'index.html references no script');
  const js = await fetch(new URL(script, BACKEND_URL));
  assert.equal(js.status, 200);
});

test('the catalog API answers with the ML models', async () => {
  const { token } = await guestToken();
  const models = await eventually(async () => {
    const r = await api('/api/catalog/entities?filter=spec.type=ml-model', {
      token,
    });
    return r.json?.length >= 3 ? r.json : undefined;
  });
  assert.ok(models, 'no ML models in the catalog');
  assert.deepEqual(models.map(m => m.metadata.name).sort(), [
    'churn-predictor',
    'defect-detector',
    'support-ticket-classifier',
  ]);
});

/** Runs one SQL statement on the test's PostgreSQL server; returns the rows, one per line. */
function sql(database, statement) {
  const out = execFileSync(
    'psql',
    [
      '-h',
      '127.0.0.1',
      '-p',
      process.env.PGPORT,
      '-U',
      'postgres',
      '-d',
      database,
      '-Atc',
      statement,
    ],
    { env: { ...process.env, PGPASSWORD: 'postgres' }, encoding: 'utf8' },
  );
  return out.trim().split('\n');
}

test('its data lives in PostgreSQL, one database per plugin', () => {
  const dbs = sql('postgres', 'SELECT datname FROM pg_database');
  assert.ok(dbs.includes('backstage_plugin_catalog'), dbs.join(', '));
  const [count] = sql(
    'backstage_plugin_catalog',
    "SELECT count(*) FROM final_entities WHERE final_entity LIKE '%ml-model%'",
  );
  assert.ok(Number(count) >= 3, `final_entities has ${count} ML models`);
});

test('the GPU quota plugin migrated its tables from the bundle on PostgreSQL', () => {
  const tables = sql(
    'backstage_plugin_gpu-quota',
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
  );
  assert.ok(tables.includes('gpu_quota_requests'), tables.join(', '));
  assert.ok(tables.includes('gpu_quota_events'), tables.join(', '));
});
