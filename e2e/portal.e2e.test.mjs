// End-to-end: the portal started by the README's start command, driven in real headless Chromium.
// On failure each test leaves a screenshot in test-results/e2e/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch, signIn, step as stepOn, BASE_URL } from './browser.mjs';
import { waitForSettled } from './layout.mjs';

const SHOTS = 'test-results/e2e';
mkdirSync(SHOTS, { recursive: true });

let browser;
let page;
/** A step on the shared page. */
const step = (name, fn) => stepOn(page, name, fn, SHOTS);

before(async () => {
  browser = await launch();
  page = await browser.context.newPage();
  await signIn(page, '/');
});
after(async () => {
  await browser?.close();
});

describe('portal in Chromium', () => {
  test('the home page greets the user with their own work and search', async () => {
    await step('home', async () => {
      await page.goto(BASE_URL);
      await page
        .getByRole('heading', { name: /^Welcome/ })
        .waitFor({ timeout: 60_000 });
      await page
        .getByRole('region', { name: /^Your work/ })
        .waitFor({ timeout: 60_000 });
      await page.getByText('My training jobs').waitFor({ timeout: 30_000 });
      // The screenshot shows the cards' answers, not their loading bars.
      await waitForSettled(page);
      await page.screenshot({
        path: `${SHOTS}/home-scientist.png`,
        fullPage: true,
      });
      // Widgets render one after another: wait for the search bar rather than count it at once.
      await page
        .getByPlaceholder(/search in ml platform/i)
        .waitFor({ timeout: 30_000 });
      assert.match(await page.title(), /ML Platform/);
    });
  });

  test('the catalog lists the ML models', async () => {
    await step('catalog', async () => {
      await page.goto(
        `${BASE_URL}/catalog?filters[kind]=component&filters[type]=ml-model&filters[user]=all`,
      );
      for (const title of [
        'Support ticket classifier',
        'Surface defect detector',
        'Customer churn predictor',
      ]) {
        await page
          .getByRole('link', { name: title })
          .waitFor({ timeout: 60_000 });
      }
    });
  });

  test("a model's TechDocs model card renders with its sections", async () => {
    await step('model-card', async () => {
      await page.goto(
        `${BASE_URL}/catalog/default/component/defect-detector/docs`,
      );
      // The TechDocs reader renders into a shadow root; Playwright's locators pierce it.
      await page
        .getByRole('heading', { name: 'Surface defect detector: model card' })
        .waitFor({ timeout: 120_000 });
      for (const section of [
        'Overview',
        'Performance',
        'Input format',
        'Output format',
        'Training data',
        'Dependencies',
        'Deployment history',
      ]) {
        // MkDocs appends a permalink (¶) to each heading's accessible name.
        await page
          .getByRole('heading', { name: new RegExp(`^${section}`) })
          .first()
          .waitFor({ timeout: 10_000 });
      }
      // Kept as evidence of what was rendered (the README screenshot comes from here).
      await page.screenshot({ path: `${SHOTS}/model-card-rendered.png` });
    });
  });

  test('search finds a model by name', async () => {
    await step('search', async () => {
      // The catalog collator indexes shortly after start; retry until it has.
      const deadline = Date.now() + 150_000;
      for (;;) {
        await page.goto(`${BASE_URL}/search?query=churn`);
        const hit = page.getByRole('link', {
          name: /Customer churn predictor/,
        });
        try {
          await hit.first().waitFor({ timeout: 10_000 });
          break;
        } catch (e) {
          if (Date.now() > deadline) throw e;
        }
      }
    });
  });

  test('a model without a TechDocs folder explains the problem; other pages keep working', async () => {
    await step('missing-docs', async () => {
      await page.goto(
        `${BASE_URL}/catalog/default/component/undocumented-model/docs`,
      );
      await page
        .getByText(
          /Building a newer version of this documentation failed.*no-such-folder\/mkdocs\.yml/,
        )
        .waitFor({ timeout: 120_000 });
      await page.goto(`${BASE_URL}/catalog/default/component/churn-predictor`);
      await page
        .getByText('Customer churn predictor')
        .first()
        .waitFor({ timeout: 30_000 });
    });
  });

  test("the Kubernetes tab shows the model's pods on the local cluster", async () => {
    await step('kubernetes', async () => {
      await page.goto(
        `${BASE_URL}/catalog/default/component/support-ticket-classifier/kubernetes`,
      );
      await page
        .getByText('mlp', { exact: true })
        .first()
        .waitFor({ timeout: 60_000 });
      // services/kube/demo-workloads.yaml has one pod of this model.
      await page
        .getByText('1 pod', { exact: true })
        .waitFor({ timeout: 30_000 });
      await page.screenshot({ path: 'test-results/e2e/kubernetes-tab.png' });
    });
  });
});
