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

/** A metric as the portal shows it (plugins/mlflow/src/components/shared/format.ts). */
const shownMetric = value =>
  Number.isInteger(value)
    ? String(value)
    : value.toLocaleString('en-US', { maximumFractionDigits: 4 });

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

  test("the model card's live block says what MLflow's registry says, and the markdown no longer contradicts it", async () => {
    // The truth, from MLflow's own REST API.
    const alias = async name =>
      (
        await mlflow(
          `registered-models/alias?${new URLSearchParams({
            name: MODEL,
            alias: name,
          })}`,
        )
      ).model_version;
    const champion = await alias('champion');
    const challenger = await alias('challenger');
    const { run } = await mlflow(
      `runs/get?${new URLSearchParams({ run_id: champion.run_id })}`,
    );
    const { registered_model: model } = await mlflow(
      `registered-models/get?name=${MODEL}`,
    );
    // The portal's rule: the mlp.key_metric tag (the seeder sets val_accuracy), else val_accuracy,
    // which every seeded run logs.
    const keyMetric =
      (model.tags ?? []).find(t => t.key === 'mlp.key_metric')?.value ??
      'val_accuracy';
    const metric = (run.data.metrics ?? []).find(m => m.key === keyMetric);
    assert.ok(metric, `the champion's run logged ${keyMetric}`);

    const page = await browser.context.newPage();
    await step(page, 'mlflow-model-card', async () => {
      await signIn(page, `/docs/default/component/${MODEL}`);
      // The TechDocs reader renders into a shadow root; Playwright's locators pierce it.
      const block = page.getByRole('region', {
        name: /^From the MLflow registry/,
      });
      await block.waitFor({ timeout: 120_000 });
      const versionOf = async table => {
        const link = block
          .getByRole('table', { name: table })
          .getByRole('link', { name: /^Version \d+/ });
        await link.waitFor({ timeout: 60_000 });
        return /^Version (\d+)/.exec((await link.innerText()).trim())[1];
      };
      assert.equal(await versionOf('Champion'), champion.version);
      assert.equal(await versionOf('Challenger'), challenger.version);
      const table = block.getByRole('table', { name: 'Champion' });
      const name = (
        await table.getByTestId('key-metric').locator('th').innerText()
      ).trim();
      assert.equal(name, `${keyMetric} (key metric)`);
      const value = table.getByTestId('key-metric-value');
      // The exact value in the title, the shown one rounded as the portal rounds.
      assert.equal(await value.getAttribute('title'), String(metric.value));
      assert.equal((await value.innerText()).trim(), shownMetric(metric.value));

      // The hand-written card, without the live block: no stale champion or figures.
      const written = await page
        .locator('article.md-content__inner')
        .evaluate(article => {
          const copy = article.cloneNode(true);
          copy.querySelector('[data-testid="mlflow-registry-block"]')?.remove();
          return copy.textContent;
        });
      assert.match(written, /Support ticket classifier: model card/);
      assert.match(written, /From the MLflow registry \(live\)/);
      assert.doesNotMatch(written, /version 7/i);
      assert.doesNotMatch(written, /0\.912|0\.874/);
    });
    await page.close();
  });
});
