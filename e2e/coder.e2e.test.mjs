// End-to-end: Coder workspaces in the portal started by scripts/start.sh, against the real Coder
// server the test command started (scripts/services/coder.sh: open-source Coder on the local
// PostgreSQL, its echo provisioner building the workspaces), with the real GPU quota and cost
// plugins on the local cluster. The guest (amira.haddad of nlp-team) connects Coder, creates a
// 1-GPU workspace for a model, watches it start, stops, starts and deletes it, all in Chromium;
// every state the card shows is read back from Coder's own API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, eventually, guestToken, proxiedUserToken } from './api.mjs';
import { launch, signIn, step } from './browser.mjs';
import { CODER_URL, coderApi, coderToken, coderWorkspace } from './coder.mjs';

const CODER_TOKEN = coderToken('amira.haddad');
const MODEL = 'support-ticket-classifier';
const REPO = 'https://github.com/acme-ml/support-ticket-classifier';
const WORKSPACE = 'stc-dev';
const month = new Date().toISOString().slice(0, 7);

/** Coder's own view of the guest's workspace. */
const inCoder = name => coderWorkspace(CODER_TOKEN, name);

/** Waits until Coder's latest build of the workspace has this transition and status. */
async function coderBuild(name, transition, status) {
  return eventually(async () => {
    const ws = await inCoder(name);
    return ws?.latest_build.transition === transition &&
      ws.latest_build.status === status
      ? ws
      : undefined;
  });
}

let scientist;
let keeper;
let browser;

before(async () => {
  // A workspace an earlier run on the same local Coder left behind goes first.
  const left = await inCoder(WORKSPACE);
  if (left) {
    await coderApi(CODER_TOKEN, `/workspaces/${left.id}/builds`, {
      method: 'POST',
      body: {
        transition: 'delete',
        orphan:
          left.latest_build.status !== 'running' &&
          left.latest_build.status !== 'stopped',
      },
    });
    await eventually(async () => !(await inCoder(WORKSPACE)), {
      intervalMs: 500,
    });
  }
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
    assert.equal(list.json.coderUrl, CODER_URL);
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
      await row
        .getByText('running', { exact: true })
        .waitFor({ timeout: 60_000 });
    });

    // Kept as evidence of what the card shows of a running workspace.
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/e2e/coder-card.png' });
    const running = await coderBuild(WORKSPACE, 'start', 'running');
    assert.ok(running, 'Coder has the workspace running');
    assert.equal(running.template_name, 'gpu-workspace');
    assert.equal(running.ttl_ms, 8 * 3_600_000);
    const params = await coderApi(
      CODER_TOKEN,
      `/workspacebuilds/${running.latest_build.id}/parameters`,
    );
    assert.deepEqual(
      Object.fromEntries(params.json.map(p => [p.name, p.value])),
      { gpu_count: '1', repo_url: REPO, image: 'pytorch' },
    );
    // The real cost plugin reserved 1 GPU × 8 h of the team's budget for it.
    const status = await api('/api/cost/teams/nlp-team/budget-status', {
      token: scientist,
    });
    assert.ok(
      status.json.reserved > reservedBefore,
      `reserved ${status.json.reserved}, before ${reservedBefore}`,
    );

    /** Clicks the row's button and confirms the dialog that asks first. */
    const transition = async (verb, state) => {
      await row.getByRole('button', { name: verb, exact: true }).click();
      const confirm = page.getByRole('dialog', {
        name: `${verb} workspace ${WORKSPACE}?`,
      });
      await confirm
        .getByRole('button', { name: `${verb} ${WORKSPACE}` })
        .click();
      await confirm.waitFor({ state: 'detached' });
      if (state) {
        await row
          .getByText(state, { exact: true })
          .waitFor({ timeout: 60_000 });
      }
    };
    await step(page, 'coder-stop', () => transition('Stop', 'stopped'));
    assert.ok(await coderBuild(WORKSPACE, 'stop', 'stopped'));
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

    await step(page, 'coder-start', () => transition('Start', 'running'));
    assert.ok(await coderBuild(WORKSPACE, 'start', 'running'));

    await step(page, 'coder-delete', async () => {
      await transition('Delete');
      // Deleted, it leaves the card.
      await row.waitFor({ state: 'detached', timeout: 60_000 });
    });
    const gone = await eventually(async () => {
      const read = await coderApi(CODER_TOKEN, `/workspaces/${running.id}`);
      return read.status === 410 ? read : undefined;
    });
    assert.ok(gone, 'Coder answers 410 for the deleted workspace');
    assert.equal(await inCoder(WORKSPACE), undefined);
    await page.close();
  });

  test("more GPUs than the template's maximum: refused by the portal, never sent to Coder", async () => {
    const created = await api('/api/coder/workspaces', {
      token: scientist,
      method: 'POST',
      body: {
        name: 'too-many',
        template: 'gpu-workspace',
        team: 'nlp-team',
        gpus: 9,
        repoUrl: REPO,
      },
    });
    assert.equal(created.status, 400, created.text);
    assert.match(
      created.json.error.message,
      /^gpus: template "gpu-workspace" allows at most 8 GPU\(s\)/,
    );
    assert.equal(await inCoder('too-many'), undefined);
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
    assert.equal(await inCoder('too-dear'), undefined);
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
    assert.ok(gpus <= 8, `the template allows 8 GPUs, ${gpus} needed`);
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
    assert.equal(await inCoder('too-big'), undefined);
  });
});
