// End-to-end: Coder workspaces in the portal started by scripts/start.sh, against the fake Coder
// scripts/test-e2e.sh starts (plugins/coder-node/src/testUtils/fakeCoder, seeded from
// e2e/fixtures/coder-seed.json), with the real GPU quota and cost plugins on the local cluster.
// The guest (amira.haddad of nlp-team) connects Coder, creates a GPU workspace for a model,
// watches it start and stops it, all in Chromium; what the card shows is checked against Coder.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { api, eventually, guestToken, proxiedUserToken } from './api.mjs';
import { launch, signIn, step } from './browser.mjs';

const CODER = 'http://127.0.0.1:7480';
const seed = JSON.parse(readFileSync('e2e/fixtures/coder-seed.json', 'utf8'));
const CODER_TOKEN = seed.users.find(u => u.username === 'amira-haddad').token;
const MODEL = 'support-ticket-classifier';
const REPO = 'https://github.com/acme-ml/support-ticket-classifier';
const WORKSPACE = 'stc-dev';
const month = new Date().toISOString().slice(0, 7);

/** Coder's own view, through its API with the user's token. */
async function coder(path) {
  const res = await fetch(`${CODER}/api/v2${path}`, {
    headers: { 'Coder-Session-Token': CODER_TOKEN },
  });
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return res.json();
}
async function coderWorkspace(name) {
  const { workspaces } = await coder(
    `/workspaces?q=${encodeURIComponent(`owner:me name:${name}`)}`,
  );
  return workspaces.find(w => w.name === name);
}

let scientist;
let keeper;
let browser;

before(async () => {
  scientist = (await guestToken()).token;
  keeper = (await proxiedUserToken('morgan.lee')).token;
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('Coder workspaces through the HTTP API', () => {
  test('without a token the API answers 401; before connecting it asks to connect', async () => {
    assert.equal((await api('/api/coder/workspaces')).status, 401);
    const list = await api('/api/coder/workspaces', { token: scientist });
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.status, 'not-connected');
    assert.equal(list.json.coderUrl, CODER);
  });
});

describe('Coder workspaces in the browser', () => {
  test("the guest connects Coder on a model's page, creates a 1-GPU workspace, sees it start, and stops it", async () => {
    // Enough budget for the workspace whatever the cost tests left.
    const budget = await api('/api/cost/budgets/nlp-team', {
      token: keeper,
      method: 'PUT',
      body: { month, amount: 5000 },
    });
    assert.equal(budget.status, 200, budget.text);
    const reservedBefore = (
      await api('/api/cost/teams/nlp-team/budget-status', { token: scientist })
    ).json.reserved;

    const page = await browser.context.newPage();
    const card = page
      .getByRole('article')
      .filter({ hasText: 'Coder workspaces' });
    await step(page, 'coder-connect', async () => {
      await signIn(page, `/catalog/default/component/${MODEL}`);
      const form = page.getByRole('form', { name: 'Connect Coder' });
      await form.waitFor({ timeout: 60_000 });
      await form.getByLabel('Coder session token').fill(CODER_TOKEN);
      await form.getByRole('button', { name: 'Connect Coder' }).click();
      await page
        .getByText('Connected as', { exact: false })
        .waitFor({ timeout: 30_000 });
      await page.getByText('amira-haddad').first().waitFor();
    });
    await step(page, 'coder-create', async () => {
      await page.getByRole('button', { name: 'Create workspace' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create workspace' });
      await dialog.waitFor({ timeout: 30_000 });
      await dialog
        .getByText(`Repository: ${REPO}`)
        .waitFor({ timeout: 30_000 });
      await dialog.getByText('Team: nlp-team').waitFor();
      await dialog.getByLabel('Name').fill(WORKSPACE);
      await dialog.getByLabel('GPUs').fill('1');
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    });
    const row = page.getByRole('row').filter({ hasText: WORKSPACE });
    await step(page, 'coder-running', async () => {
      await row.waitFor({ timeout: 30_000 });
      // The fake's builds take 1.5 s per step: pending, starting, then running.
      await row
        .getByText('running', { exact: true })
        .waitFor({ timeout: 60_000 });
    });

    const inCoder = await coderWorkspace(WORKSPACE);
    assert.ok(inCoder, 'the workspace is in Coder');
    assert.equal(inCoder.latest_build.status, 'running');
    assert.equal(inCoder.template_name, 'gpu-workspace');
    assert.equal(inCoder.ttl_ms, 8 * 3_600_000);
    const params = await coder(
      `/workspacebuilds/${inCoder.latest_build.id}/parameters`,
    );
    assert.deepEqual(Object.fromEntries(params.map(p => [p.name, p.value])), {
      gpu_count: '1',
      repo_url: REPO,
    });
    // The real cost plugin reserved 1 GPU × 8 h of the team's budget for it.
    const status = await api('/api/cost/teams/nlp-team/budget-status', {
      token: scientist,
    });
    assert.ok(
      status.json.reserved > reservedBefore,
      `reserved ${status.json.reserved}, before ${reservedBefore}`,
    );

    await step(page, 'coder-stop', async () => {
      await row.getByRole('button', { name: 'Stop' }).click();
      const confirm = page.getByRole('dialog', {
        name: `Stop workspace ${WORKSPACE}?`,
      });
      await confirm.getByRole('button', { name: `Stop ${WORKSPACE}` }).click();
      await row
        .getByText('stopped', { exact: true })
        .waitFor({ timeout: 60_000 });
    });
    const stopped = await coderWorkspace(WORKSPACE);
    assert.equal(stopped.latest_build.transition, 'stop');
    assert.equal(stopped.latest_build.status, 'stopped');
    // What the card shows equals Coder: the list through the portal has the same state.
    const listed = await api(
      `/api/coder/workspaces?repoUrl=${encodeURIComponent(REPO)}`,
      { token: scientist },
    );
    assert.deepEqual(
      listed.json.workspaces.map(w => [w.name, w.state, w.gpus]),
      [[WORKSPACE, 'stopped', 1]],
    );
    assert.ok(!listed.text.includes(CODER_TOKEN), 'the token never comes back');
    await page.close();
  });

  test('over budget: refused with the figures before Coder is asked', async () => {
    const low = await api('/api/cost/budgets/nlp-team', {
      token: keeper,
      method: 'PUT',
      body: { month, amount: 1 },
    });
    assert.equal(low.status, 200, low.text);
    const created = await api('/api/coder/workspaces', {
      token: scientist,
      method: 'POST',
      body: {
        name: 'too-dear',
        template: 'gpu-workspace',
        team: 'nlp-team',
        gpus: 1,
        repoUrl: REPO,
      },
    });
    assert.equal(created.status, 409, created.text);
    assert.match(created.json.error.message, /budget/);
    assert.equal(await coderWorkspace('too-dear'), undefined);
    const restored = await api('/api/cost/budgets/nlp-team', {
      token: keeper,
      method: 'PUT',
      body: { month, amount: 5000 },
    });
    assert.equal(restored.status, 200, restored.text);
  });

  test('more GPUs than the team has free: refused with the figures from the cluster', async () => {
    const quota = await eventually(async () => {
      const r = await api('/api/gpu-quota/teams/nlp-team', {
        token: scientist,
      });
      return r.json?.status === 'ok' ? r.json.quota : undefined;
    });
    const gpu = quota.resources.find(r => r.resource === 'nvidia.com/gpu');
    const gpus = gpu.available + 1;
    assert.ok(gpus <= 16, `the seed template allows 16 GPUs, ${gpus} needed`);
    const created = await api('/api/coder/workspaces', {
      token: scientist,
      method: 'POST',
      body: {
        name: 'too-big',
        template: 'gpu-workspace',
        team: 'nlp-team',
        gpus,
        repoUrl: REPO,
      },
    });
    assert.equal(created.status, 409, created.text);
    assert.equal(
      created.json.error.message,
      gpu.maxPerJob !== undefined && gpus > gpu.maxPerJob
        ? `gpus: ${gpus} GPUs is more than nlp-team's per-workspace maximum of ${gpu.maxPerJob}; choose at most ${gpu.maxPerJob}`
        : `gpus: ${gpus} GPUs do not fit in nlp-team's GPU quota: ${gpu.used} of ${gpu.hard} are in use, ${gpu.available} free. Choose at most ${gpu.available}, stop another workspace or job, or request a quota increase`,
    );
    assert.equal(await coderWorkspace('too-big'), undefined);
  });
});
