// End-to-end: the Platform metrics page on the running portal, after the other e2e files ran
// their jobs. A keeper (morgan.lee, signed in through the oauth2-proxy provider) sees the figures
// the API answers for the same window; the guest, a data scientist, is refused by the API (403)
// and the page says why. Screenshots into test-results/e2e/platform-metrics/, layout checked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { api, guestToken, proxiedUserToken } from './api.mjs';
import { launch, launchAs, signIn, step } from './browser.mjs';
import { layoutProblems, waitForSettled } from './layout.mjs';

const SHOTS = 'test-results/e2e/platform-metrics';
mkdirSync(SHOTS, { recursive: true });

/** The page's overall figure of a label. */
const figure = (page, label) =>
  page
    .getByLabel('Overall')
    .locator('div')
    .filter({ has: page.getByText(label, { exact: true }) })
    .getByRole('definition')
    .innerText();

describe('platform metrics', () => {
  test('a keeper sees the figures the API answers; the jobs the e2e ran are counted', async () => {
    const token = (await proxiedUserToken('morgan.lee')).token;
    const read = async () => {
      const res = await api('/api/platform-metrics/summary?days=7', { token });
      assert.equal(res.status, 200, res.text);
      return res.json;
    };
    const before = await read();
    // The e2e's own jobs (jobs, cost and CLI tests) ran on the local cluster before this file.
    assert.ok(before.overall.submitted > 0, JSON.stringify(before.overall));
    assert.ok(before.overall.gpuHours > 0, JSON.stringify(before.overall));
    // The Coder e2e made a workspace through the portal before this file.
    assert.ok(
      before.overall.workspacesUsed >= 1,
      JSON.stringify(before.overall),
    );
    const nlp = before.teams.find(t => t.team === 'nlp-team');
    assert.ok(nlp && nlp.adopters >= 1, JSON.stringify(before.teams));

    const browser = await launchAs('morgan.lee');
    try {
      const page = await browser.context.newPage();
      await step(
        page,
        'keeper-platform-metrics',
        async () => {
          await signIn(page, '/platform-metrics?days=7');
          await page.getByLabel('Overall').waitFor({ timeout: 60_000 });
          await waitForSettled(page);
          const after = await read();
          const submitted = Number(await figure(page, 'Jobs submitted'));
          assert.ok(
            [before.overall.submitted, after.overall.submitted].includes(
              submitted,
            ),
            `page ${submitted}, API ${before.overall.submitted} then ${after.overall.submitted}`,
          );
          const failed = Number(await figure(page, 'Failed'));
          assert.ok(
            [before.overall.failed, after.overall.failed].includes(failed),
            `failed: page ${failed}, API ${before.overall.failed}/${after.overall.failed}`,
          );
          const workspaces = await figure(page, 'Workspaces used');
          assert.match(workspaces, /^\d+ by \d+ (person|people)$/, workspaces);
          const row = await page.getByTestId('team-nlp-team').innerText();
          assert.ok(
            row.includes(
              `${after.teams.find(t => t.team === 'nlp-team').adopters} of`,
            ),
            row,
          );
          await page.screenshot({
            path: `${SHOTS}/keeper-platform-metrics.png`,
            fullPage: true,
          });
          assert.deepEqual(await layoutProblems(page), []);
        },
        SHOTS,
      );
    } finally {
      await browser.close();
    }
  });

  test('a data scientist is refused, by the API and on the page', async () => {
    const { token } = await guestToken();
    const res = await api('/api/platform-metrics/summary', { token });
    assert.equal(res.status, 403, res.text);
    assert.equal(
      res.json.error.message,
      'Only platform keepers see the platform metrics (permission platform-metrics.read)',
    );
    const browser = await launch();
    try {
      const page = await browser.context.newPage();
      await step(
        page,
        'scientist-platform-metrics',
        async () => {
          await signIn(page, '/platform-metrics');
          await page
            .getByText(/Only platform keepers see the platform metrics/)
            .waitFor({ timeout: 60_000 });
          await page.screenshot({
            path: `${SHOTS}/scientist-platform-metrics.png`,
            fullPage: true,
          });
        },
        SHOTS,
      );
    } finally {
      await browser.close();
    }
  });
});
