// End-to-end: MLflow in the portal started by scripts/start.sh, against the real MLflow server of
// scripts/services.sh (seeded with trained demo models). What the pages show is checked against
// MLflow's own REST API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { api, guestToken } from './api.mjs';
import { launch, signIn, step, BASE_URL } from './browser.mjs';

const MODEL = 'support-ticket-classifier';
const EXPERIMENT = 'nlp-team/support-ticket-classifier';
const mlflowUrl = readFileSync('data/services/services.env', 'utf8')
  .split('\n')
  .find(l => l.startsWith('MLP_MLFLOW_URL='))
  .slice('MLP_MLFLOW_URL='.length)
  .trim();

async function mlflow(path, body) {
  const res = await fetch(`${mlflowUrl}/api/2.0/mlflow/${path}`, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return res.json();
}

let token;
let browser;
let truth;

before(async () => {
  token = (await guestToken()).token;
  const { experiment } = await mlflow(
    `experiments/get-by-name?experiment_name=${encodeURIComponent(EXPERIMENT)}`,
  );
  const { runs } = await mlflow('runs/search', {
    experiment_ids: [experiment.experiment_id],
    order_by: ['attributes.start_time DESC'],
    max_results: 25,
  });
  const { registered_model: model } = await mlflow(
    `registered-models/get?name=${MODEL}`,
  );
  truth = {
    runNames: runs.map(r => r.info.run_name),
    champion: model.aliases.find(a => a.alias === 'champion').version,
  };
  assert.ok(truth.runNames.length >= 2, 'the seeded experiment has runs');
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('MLflow in the portal', () => {
  test('the API answers runs through the backend, and a bad filter with 400 and the reason', async () => {
    const ok = await api(
      `/api/mlflow/runs?experiment=${encodeURIComponent(
        EXPERIMENT,
      )}&pageSize=2`,
      { token },
    );
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(
      ok.json.runs.map(r => r.runName),
      truth.runNames.slice(0, 2),
    );
    const bad = await api(
      `/api/mlflow/runs?experiment=${encodeURIComponent(
        EXPERIMENT,
      )}&filter=${encodeURIComponent('metrics.val_loss >>> 1')}`,
      { token },
    );
    assert.equal(bad.status, 400, bad.text);
    assert.match(bad.json.error.message, /Invalid comparator '>>>'/);
    const none = await api('/api/mlflow/runs?experiment=x', {});
    assert.equal(none.status, 401);
  });

  test("a model's page shows its champion, its MLflow tab the runs, and two runs compare", async () => {
    const page = await browser.context.newPage();
    await step(page, 'mlflow-champion', async () => {
      await signIn(page, `/catalog/default/component/${MODEL}`);
      const card = page.getByRole('table', { name: 'Champion' });
      await card.waitFor({ timeout: 60_000 });
      await card
        .getByRole('link', {
          name: new RegExp(`^Version ${truth.champion}\\b`),
        })
        .waitFor({ timeout: 30_000 });
    });
    await step(page, 'mlflow-runs', async () => {
      await page.goto(`${BASE_URL}/catalog/default/component/${MODEL}/mlflow`);
      const table = page.getByRole('table', { name: 'Runs' });
      await table.waitFor({ timeout: 60_000 });
      await table
        .getByRole('link', { name: new RegExp(`^${truth.runNames[0]}\\b`) })
        .waitFor({ timeout: 30_000 });
      const shown = await table
        .locator('tbody tr td:nth-child(2)')
        .allInnerTexts();
      assert.deepEqual(
        shown.map(t => t.replace(/\s*,?\s*Opens in a new window$/, '').trim()),
        truth.runNames,
      );
      await page
        .getByRole('table', { name: 'Model versions' })
        .getByText('champion')
        .waitFor({ timeout: 30_000 });
    });
    await step(page, 'mlflow-compare', async () => {
      const [a, b] = truth.runNames;
      await page.getByLabel(`Select ${a}`).check();
      await page.getByLabel(`Select ${b}`).check();
      await page.getByRole('button', { name: 'Compare 2 runs' }).click();
      const chart = page.getByRole('figure', { name: /^History of / });
      await chart.waitFor({ timeout: 30_000 });
      await chart.locator('.recharts-line').nth(1).waitFor({ timeout: 30_000 });
      assert.equal(await chart.locator('.recharts-line').count(), 2);
      await page
        .getByRole('table', { name: 'Parameters of the selected runs' })
        .waitFor({ timeout: 10_000 });
    });
    await page.close();
  });
});
