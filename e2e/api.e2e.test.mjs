// End-to-end through the backend's HTTP API of the portal started by scripts/start.sh.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import {
  api,
  eventually,
  guestToken,
  runTemplate as runTemplateAs,
} from './api.mjs';

// On a fresh database the catalog fills a few seconds after the backend reports ready, and
// guest sign-in only knows the user's team once the user entity is in the catalog.
const identity = await eventually(async () => {
  const id = await guestToken();
  const models = await api('/api/catalog/entities?filter=spec.type=ml-model', {
    token: id.token,
  });
  const ready =
    id.identity.ownershipEntityRefs.length > 1 && models.json?.length >= 3;
  return ready ? id : undefined;
});
if (!identity)
  throw new Error('the catalog did not fill within 2 minutes of start');
const token = identity.token;
const names = items => items.map(e => e.metadata.name).sort();

describe('backend API', () => {
  test('refuses requests without a token (401)', async () => {
    const res = await api('/api/catalog/entities');
    assert.equal(res.status, 401);
  });

  test('guest sign-in resolves to a catalog user and their team', () => {
    assert.equal(identity.identity.userEntityRef, 'user:default/amira.haddad');
    assert.ok(
      identity.identity.ownershipEntityRefs.includes('group:default/nlp-team'),
    );
  });

  test('the catalog holds the ML models with their annotations', async () => {
    const res = await api(
      '/api/catalog/entities?filter=kind=component,spec.type=ml-model',
      { token },
    );
    assert.equal(res.status, 200);
    for (const name of [
      'churn-predictor',
      'defect-detector',
      'support-ticket-classifier',
    ]) {
      const model = res.json.find(e => e.metadata.name === name);
      assert.ok(model, `${name} missing from ${names(res.json)}`);
      const a = model.metadata.annotations;
      for (const key of [
        'mlflow.org/experiment-name',
        'mlflow.org/registered-model',
        'mlplatform.dev/framework',
        'mlplatform.dev/inference-endpoint',
        'backstage.io/kubernetes-id',
        'backstage.io/techdocs-ref',
      ]) {
        assert.ok(a[key], `${name} lacks annotation ${key}`);
      }
      assert.match(
        model.spec.owner,
        /^group:default\/(nlp|vision|tabular)-team$/,
      );
    }
  });

  test('the catalog models the organisation: platform team, three ML teams, their members', async () => {
    const groups = await api('/api/catalog/entities?filter=kind=group', {
      token,
    });
    for (const team of [
      'platform-team',
      'nlp-team',
      'vision-team',
      'tabular-team',
    ]) {
      assert.ok(
        groups.json.some(g => g.metadata.name === team),
        `group ${team} missing`,
      );
    }
    const keepers = await api(
      '/api/catalog/entities?filter=kind=user,relations.memberOf=group:default/platform-team',
      { token },
    );
    assert.ok(
      keepers.json.length >= 2,
      `platform-team has ${keepers.json.length} members`,
    );
  });

  test('a data scientist may read but not register catalog locations (403)', async () => {
    const res = await api('/api/catalog/locations', {
      token,
      method: 'POST',
      body: {
        type: 'url',
        target: 'https://git.example.com/ml/fraud/catalog-info.yaml',
      },
    });
    assert.equal(res.status, 403, res.text);
  });

  test(
    'a malformed catalog file is reported with its path while the rest is served',
    { skip: !process.env.E2E_PORTAL_LOG && 'needs E2E_PORTAL_LOG' },
    async () => {
      const found = await eventually(() =>
        readFileSync(process.env.E2E_PORTAL_LOG, 'utf8')
          .split('\n')
          .find(
            l =>
              l.includes('YAML error at file:') &&
              l.includes('e2e/fixtures/malformed-catalog.yaml'),
          ),
      );
      assert.ok(found, 'no log line names the malformed catalog file');
      const models = await api(
        '/api/catalog/entities?filter=spec.type=ml-model',
        { token },
      );
      assert.ok(models.json.length >= 3);
    },
  );

  test('TechDocs of a model without a docs folder fail with the missing path; others build', async () => {
    const res = await fetch(
      `${process.env.E2E_BACKEND_URL}/api/techdocs/sync/default/component/undocumented-model`,
      {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'text/event-stream',
        },
      },
    );
    const body = await res.text();
    assert.match(body, /event: error/);
    assert.match(body, /no-such-folder\/mkdocs\.yml/);
    const ok = await fetch(
      `${process.env.E2E_BACKEND_URL}/api/techdocs/sync/default/component/churn-predictor`,
      {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'text/event-stream',
        },
      },
    );
    assert.match(await ok.text(), /event: finish/);
  });

  // Runs a template through the scaffolder API and waits for the task to end.
  const runTemplate = (template, values) =>
    runTemplateAs(token, template, values);

  test('a data scientist starts an ML project from the template: it lands in the catalog with its model card', async () => {
    const name = `e2e-${Date.now().toString(36)}`;
    const { status, log } = await runTemplate('ml-project', {
      name,
      description: 'Predicts which tickets escalate',
      team: 'group:default/nlp-team',
      modelType: 'tabular',
      framework: 'sklearn',
      gpusPerJob: 1,
      runtimeHours: 4,
    });
    assert.equal(status, 'completed', log);
    // The quota may have grown: the GPU quota test approves increases on this cluster.
    assert.match(log, /nlp-team: \d+\/\d+ GPUs in use/);
    // 1 GPU × 4 h × 2.50 EUR, checked against the team's budget (if it has one) and reserved.
    assert.match(
      log,
      /nlp-team(:| has no budget for \d{4}-\d{2}:) a job costs about 10 EUR/,
    );
    const entity = await api(
      `/api/catalog/entities/by-name/component/default/${name}`,
      { token },
    );
    assert.equal(entity.status, 200);
    assert.equal(entity.json.spec.type, 'ml-model');
    assert.equal(entity.json.spec.owner, 'group:default/nlp-team');
    assert.match(
      entity.json.metadata.annotations['backstage.io/managed-by-location'],
      /^file:.*data\/e2e\/published\/e2e-[a-z0-9]+\/catalog-info\.yaml$/,
    );
    // Its TechDocs model card builds from the published repository.
    const docs = await fetch(
      `${process.env.E2E_BACKEND_URL}/api/techdocs/sync/default/component/${name}`,
      {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'text/event-stream',
        },
      },
    );
    assert.match(await docs.text(), /event: finish/);
    const page = await fetch(
      `${process.env.E2E_BACKEND_URL}/api/techdocs/static/docs/default/component/${name}/index.html`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Predicts which tickets escalate/);
  });

  test('a data scientist cannot onboard a team: the task fails on the permission check', async () => {
    const { status, log } = await runTemplate('onboard-ml-team', {
      team: 'rogue-team',
      displayName: 'Rogue team',
      gpus: 64,
      maxGpusPerJob: 8,
    });
    assert.equal(status, 'failed');
    assert.match(
      log,
      /only platform keepers \(permission mlp\.team\.onboard\) may onboard teams/,
    );
  });

  test('search finds models by name and model cards by their text', async () => {
    const byName = await eventually(async () => {
      const r = await api('/api/search/query?term=defect', { token });
      return r.json?.results?.find(
        x =>
          x.type === 'software-catalog' &&
          x.document.title === 'Surface defect detector',
      );
    });
    assert.ok(byName, 'catalog search did not find the defect detector');
    // TechDocs are built by the prebuild task and then indexed by the collator.
    const byCard = await eventually(
      async () => {
        const r = await api('/api/search/query?term=isotonic', { token });
        return r.json?.results?.find(
          x =>
            x.type === 'techdocs' &&
            x.document.location.includes('churn-predictor'),
        );
      },
      { timeoutMs: 300_000, intervalMs: 10_000 },
    );
    assert.ok(byCard, 'TechDocs search did not find the churn model card');
  });

  test("the local cluster is connected: the Kubernetes backend finds a model's pods on it", async () => {
    const clusters = await api('/api/kubernetes/clusters', { token });
    assert.equal(clusters.status, 200);
    assert.deepEqual(
      clusters.json.items.map(c => c.name),
      ['mlp'],
    );
    const entity = await api(
      '/api/catalog/entities/by-name/component/default/support-ticket-classifier',
      { token },
    );
    const res = await api(
      '/api/kubernetes/services/support-ticket-classifier',
      {
        token,
        method: 'POST',
        body: { entity: entity.json },
      },
    );
    assert.equal(res.status, 200, JSON.stringify(res.json));
    const [cluster] = res.json.items;
    assert.equal(cluster.cluster.name, 'mlp');
    assert.deepEqual(cluster.errors, []);
    const pods = cluster.resources.find(r => r.type === 'pods').resources;
    // services/kube/demo-workloads.yaml: one pod of this model, Running on a simulated GPU node, 2 GPUs.
    assert.deepEqual(
      pods.map(p => [
        p.metadata.name,
        p.status.phase,
        p.spec.containers[0].resources.requests['nvidia.com/gpu'],
      ]),
      [['bert-finetuning-0', 'Running', '2']],
    );
  });

  test('data is stored in SQLite files on disk', async () => {
    const dir = 'data/e2e/sqlite';
    assert.ok(existsSync(dir), `${dir} missing`);
    const files = readdirSync(dir);
    assert.ok(files.includes('catalog.sqlite'), files.join(', '));
    // A value the restart test reads back after the backend restarts on the same files.
    const value = randomUUID();
    const put = await api('/api/user-settings/buckets/e2e/keys/restart-check', {
      token,
      method: 'PUT',
      body: { value },
    });
    assert.equal(put.status, 200, put.text);
    writeFileSync('data/e2e/restart-check', value);
  });
});
