// End-to-end: the pages a scientist and a keeper start from, against the live backend.
//  - The home page's figures equal what the jobs, GPU quota, cost and MLflow APIs answer for the
//    same user (the guest, amira.haddad of nlp-team), read around the page so a figure that moves
//    while the page loads (spend, runtime) lies between the two answers.
//  - Screenshots of the home page, a model page, a team page, the cost page and the Jobs page, for
//    the scientist and for a platform keeper (morgan.lee), into test-results/e2e/pages/, each with
//    its layout checked: no sideways scrolling, no clipped header, no word broken in a header.
// node runs the e2e files in name order: this one after the jobs, cost and CLI files made jobs,
// spend and registry moves.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { api, guestToken } from './api.mjs';
import { launch, launchAs, signIn, step, BASE_URL } from './browser.mjs';
import { layoutProblems, waitForSettled } from './layout.mjs';

const SHOTS = 'test-results/e2e/pages';
mkdirSync(SHOTS, { recursive: true });
const TEAM = 'nlp-team';
const MODEL = 'support-ticket-classifier';

/** The portal's money format (plugins/mlp-react/src/money.ts). */
const money = (amount, currency) =>
  `${amount.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })} ${currency}`;
/** A money text back to its number: "1,234.50 EUR" → 1234.5. */
const amountOf = text => Number(text.replace(/[^\d.-]/g, ''));

/** A cell's text as read: external links end in a hidden ", Opens in a new window". */
const shownText = async locator =>
  (await locator.innerText()).replace(/\s*, Opens in a new window/g, '').trim();

/** GET as the token's user; fails the test on anything but 200. */
async function get(path, token) {
  const res = await api(path, { token });
  assert.equal(res.status, 200, `${path}: ${res.text}`);
  return res.json;
}

/** The figures the home page must show, as the APIs answer them for the user now. */
async function homeFacts(token) {
  const me = await get('/api/gpu-quota/me', token);
  const quotas = {};
  const budgets = {};
  for (const team of me.teams) {
    quotas[team] = await get(
      `/api/gpu-quota/teams/${encodeURIComponent(team)}`,
      token,
    );
    budgets[team] = await get(
      `/api/cost/teams/${encodeURIComponent(team)}/budget-status`,
      token,
    );
  }
  const pending = (
    await get('/api/gpu-quota/requests?status=pending', token)
  ).requests.filter(r => r.requestedBy === me.userEntityRef);
  const { jobs } = await get('/api/jobs', token);
  const mine = jobs.filter(j => j.submittedBy === me.userEntityRef);
  const active = ['Pending', 'Running'];
  const myJobs = [
    ...mine.filter(j => active.includes(j.phase)),
    ...mine.filter(j => !active.includes(j.phase)),
  ].slice(0, 6);
  return { me, quotas, budgets, pending, myJobs };
}

/** The team's registered models in the catalog with the registry's answer for each. */
async function teamModels(token, teams) {
  const filter = teams
    .map(t => `kind=component,relations.ownedBy=group:default/${t}`)
    .join('&filter=');
  const { items } = await get(
    `/api/catalog/entities/by-query?filter=${filter}&limit=200`,
    token,
  );
  const models = {};
  for (const e of items) {
    const a = e.metadata.annotations ?? {};
    const name = a['mlflow.org/registered-model'];
    if (!name) continue;
    const server = a['mlflow.org/server'];
    const query = server ? `?server=${encodeURIComponent(server)}` : '';
    // A component may name a model the registry does not have (the e2e's own projects).
    const res = await api(
      `/api/mlflow/models/${encodeURIComponent(name)}/overview${query}`,
      { token },
    );
    assert.ok([200, 404].includes(res.status), `${name}: ${res.text}`);
    models[e.metadata.name] =
      res.status === 200 ? { overview: res.json } : { problem: res.json };
  }
  return models;
}

/** The registry's value of a number as the portal shows metrics (formatMetric). */
const metric = v =>
  Number.isInteger(v)
    ? String(v)
    : v.toLocaleString('en-US', { maximumFractionDigits: 4 });

let scientist;
before(async () => {
  scientist = (await guestToken()).token;
});

describe('home page figures equal the APIs', () => {
  test("the scientist's home shows their jobs, GPUs, spend and models as the APIs answer them", async () => {
    const browser = await launch();
    try {
      const page = await browser.context.newPage();
      await step(
        page,
        'home-figures',
        async () => {
          const before = await homeFacts(scientist);
          const models = await teamModels(scientist, before.me.teams);
          assert.ok(before.me.teams.includes(TEAM), JSON.stringify(before.me));
          await signIn(page, '/');
          await page
            .getByRole('region', { name: /^Your work/ })
            .waitFor({ timeout: 60_000 });
          await waitForSettled(page);
          for (const table of ['My training jobs', "My teams' models"]) {
            await page.getByRole('table', { name: table }).waitFor();
          }
          const after = await homeFacts(scientist);

          // GPUs per team and type: in use, quota, free.
          for (const team of before.me.teams) {
            const [b, a] = [before.quotas[team], after.quotas[team]];
            assert.equal(b.status, 'ok', JSON.stringify(b));
            assert.ok(b.quota.resources.length > 0, `${team} has GPUs`);
            for (const r of b.quota.resources) {
              const text = await page
                .getByTestId(`gpus-${team}-${r.resource}`)
                .innerText();
              const line = q => {
                const x = q.quota.resources.find(
                  y => y.resource === r.resource,
                );
                return `${x.resource}: ${x.used} of ${x.hard} in use, ${x.available} free`;
              };
              assert.ok(
                text.includes(line(b)) || text.includes(line(a)),
                `${team} GPUs: page "${text}", API "${line(b)}" then "${line(
                  a,
                )}"`,
              );
            }
          }

          // The user's pending quota requests.
          const pendingList = page.getByRole('list', {
            name: 'Your pending quota requests',
          });
          if (before.pending.length === 0 && after.pending.length === 0) {
            assert.equal(await pendingList.count(), 0);
          } else {
            const shown = await pendingList.getByRole('listitem').count();
            assert.ok(
              [before.pending.length, after.pending.length].includes(shown),
              `pending requests: page ${shown}, API ${before.pending.length}/${after.pending.length}`,
            );
          }

          // Spend this month and the budget, per team.
          for (const team of before.me.teams) {
            const [b, a] = [before.budgets[team], after.budgets[team]];
            const figures = page
              .getByTestId(`spend-${team}`)
              .getByRole('definition');
            const [spentText, budgetText] = await Promise.all([
              figures.nth(0).innerText(),
              figures.nth(1).innerText(),
            ]);
            const spent = amountOf(spentText);
            assert.ok(
              spent >= Math.round(b.spent * 100) / 100 &&
                spent <= Math.round(a.spent * 100) / 100,
              `${team} spent: page ${spentText}, API ${b.spent} then ${a.spent}`,
            );
            assert.ok(spentText.endsWith(b.currency), spentText);
            assert.equal(
              budgetText,
              b.budget === undefined ? 'none' : money(b.budget, b.currency),
            );
          }

          // The user's jobs, running and waiting ones first, with their phase.
          const rows = page
            .getByRole('table', { name: 'My training jobs' })
            .locator('tbody tr');
          const shownJobs = await rows.evaluateAll(trs =>
            trs.map(tr => tr.dataset.testid?.replace(/^my-job-/, '')),
          );
          const ids = facts => facts.myJobs.map(j => j.id);
          assert.ok(
            [ids(before), ids(after)].some(
              x => JSON.stringify(x) === JSON.stringify(shownJobs),
            ),
            `jobs: page ${shownJobs}, API ${ids(before)} then ${ids(after)}`,
          );
          assert.ok(shownJobs.length > 0, 'the e2e jobs of the guest show');
          for (const job of after.myJobs) {
            const phase = await page
              .getByTestId(`my-job-${job.id}`)
              .locator('td')
              .nth(2)
              .innerText();
            const was = before.myJobs.find(j => j.id === job.id)?.phase;
            assert.ok(
              phase.includes(job.phase) || (was && phase.includes(was)),
              `${job.id}: page "${phase}", API ${was} then ${job.phase}`,
            );
          }

          // Each registered model of the teams: champion version and its key metric.
          const modelRows = page
            .getByRole('table', { name: "My teams' models" })
            .locator('tbody tr');
          const shownModels = await modelRows.evaluateAll(trs =>
            trs.map(tr => tr.dataset.testid?.replace(/^team-model-/, '')),
          );
          assert.deepEqual([...shownModels].sort(), Object.keys(models).sort());
          assert.ok(shownModels.includes(MODEL), shownModels.join(', '));
          for (const [name, { overview, problem }] of Object.entries(models)) {
            const row = page.getByTestId(`team-model-${name}`);
            const cells = row.locator('td');
            if (problem) {
              assert.ok(
                (await row.innerText()).includes(problem.error.message),
                `${name}: page "${await row.innerText()}", API ${JSON.stringify(
                  problem,
                )}`,
              );
              continue;
            }
            const champion = overview.aliases.find(
              x => x.alias === 'champion',
            )?.modelVersion;
            assert.equal(
              await shownText(cells.nth(2)),
              champion ? `v${champion.version}` : 'none',
              name,
            );
            const key = overview.keyMetric;
            if (key && champion?.run?.metrics[key] !== undefined) {
              assert.equal(
                await shownText(cells.nth(3)),
                `${key} ${metric(champion.run.metrics[key])}`,
                name,
              );
            }
          }
          await page.screenshot({
            path: `${SHOTS}/home-figures.png`,
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

/** The entity pages' Relations graph is drawn after the rest: wait for its edges. */
const relationsDrawn = page =>
  page.locator('#dependency-graph [data-testid="edge"]');

/** The pages of the screenshots, with what shows once each has loaded. */
const PAGES = [
  {
    name: 'home',
    path: '/',
    ready: page => page.getByRole('region', { name: /^Your work/ }),
  },
  {
    name: 'model',
    path: `/catalog/default/component/${MODEL}`,
    ready: page => page.getByText('Model in the registry'),
    drawn: relationsDrawn,
  },
  {
    name: 'team',
    path: `/catalog/default/group/${TEAM}`,
    ready: page => page.getByText('GPU quota', { exact: true }),
    drawn: relationsDrawn,
  },
  {
    name: 'cost',
    path: `/cost?team=${TEAM}`,
    ready: page => page.getByText('Daily spend', { exact: true }),
  },
  {
    name: 'jobs',
    path: `/jobs?team=${TEAM}`,
    ready: page => page.getByText('Jobs', { exact: true }),
  },
];

for (const persona of [
  { name: 'scientist', open: () => launch() },
  { name: 'keeper', open: () => launchAs('morgan.lee') },
]) {
  describe(`screenshots and layout for a ${persona.name}`, () => {
    let browser;
    let page;
    before(async () => {
      browser = await persona.open();
      page = await browser.context.newPage();
      await signIn(page, '/');
    });
    after(async () => {
      await browser?.close();
    });

    for (const p of PAGES) {
      test(`the ${p.name} page loads without layout problems at 1400 px`, async () => {
        const file = `${persona.name}-${p.name}`;
        await step(
          page,
          file,
          async () => {
            await page.goto(new URL(p.path, BASE_URL).toString());
            await p.ready(page).first().waitFor({ timeout: 60_000 });
            await waitForSettled(page);
            if (p.drawn) {
              await p
                .drawn(page)
                .first()
                .waitFor({ state: 'attached', timeout: 30_000 });
            }
            await page.screenshot({
              path: `${SHOTS}/${file}.png`,
              fullPage: true,
            });
            assert.deepEqual(await layoutProblems(page), [], file);
          },
          SHOTS,
        );
      });
    }
  });
}
