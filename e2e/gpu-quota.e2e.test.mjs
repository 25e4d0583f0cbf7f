// End-to-end: GPU quota requests through the portal started by scripts/start.sh, with the real
// permission policy, on the local kube-apiserver. A data scientist (the guest, amira.haddad of
// nlp-team) asks for 2 more GPUs in Chromium; a platform keeper (morgan.lee, signed in through
// the oauth2-proxy provider) approves in Chromium; the scientist's card shows the new quota.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import * as k8s from '@kubernetes/client-node';
import { api, eventually, guestToken, proxiedUserToken } from './api.mjs';
import { launch, launchAs, signIn, step, BASE_URL } from './browser.mjs';

const SHOTS = 'test-results/e2e';
mkdirSync(SHOTS, { recursive: true });
const TEAM = 'nlp-team';
const GPU = 'nvidia.com/gpu';

/** The team's quota as the API server has it, read with the cluster's admin credentials. */
async function clusterHard() {
  const env = readFileSync(
    process.env.MLP_SERVICES_ENV ?? 'data/services/services.env',
    'utf8',
  );
  const kubeconfig = env.match(/^MLP_KUBECONFIG=(.*)$/m)[1];
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfig);
  const quota = await kc
    .makeApiClient(k8s.CoreV1Api)
    .readNamespacedResourceQuota({ name: 'gpu-quota', namespace: TEAM });
  return Number(quota.spec.hard[`requests.${GPU}`]);
}

let scientist;
let keeper;
let browser;

before(async () => {
  scientist = (
    await eventually(async () => {
      const id = await guestToken();
      return id.identity.ownershipEntityRefs.includes(`group:default/${TEAM}`)
        ? id
        : undefined;
    })
  ).token;
  keeper = (await proxiedUserToken('morgan.lee')).token;
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('GPU quota through the HTTP API and the real permission policy', () => {
  test('anyone signed in reads every team, with figures equal to the cluster', async () => {
    const res = await api('/api/gpu-quota/teams', { token: scientist });
    assert.equal(res.status, 200);
    assert.equal(res.json.status, 'ok');
    const teams = res.json.teams.map(t => t.team);
    for (const team of ['nlp-team', 'tabular-team', 'vision-team']) {
      assert.ok(teams.includes(team), `${team} missing from ${teams}`);
    }
    const nlp = res.json.teams.find(t => t.team === TEAM);
    assert.equal(nlp.resources[0].hard, await clusterHard());
    // services/kube/demo-workloads.yaml: the support-ticket-classifier pod holds 2 GPUs.
    assert.ok(
      nlp.workloads.some(
        w => w.pod === 'bert-finetuning-0' && w.gpus[GPU] === 2,
      ),
      JSON.stringify(nlp.workloads),
    );
  });

  test('a data scientist may not approve, and may not ask for another team', async () => {
    const forOther = await api('/api/gpu-quota/requests', {
      token: scientist,
      method: 'POST',
      body: {
        team: 'vision-team',
        resource: GPU,
        amount: 40,
        justification: 'Trying to take the vision team GPUs',
        durationDays: 1,
      },
    });
    assert.equal(forOther.status, 403, forOther.text);
    assert.match(
      forOther.json.error.message,
      /not a member of team vision-team/,
    );

    const own = await api('/api/gpu-quota/requests', {
      token: keeper,
      method: 'POST',
      body: {
        team: 'tabular-team',
        resource: GPU,
        amount: 100,
        justification: 'Checking that scientists cannot approve',
        durationDays: 1,
      },
    });
    assert.equal(own.status, 201, own.text);
    const approve = await api(
      `/api/gpu-quota/requests/${own.json.id}/approve`,
      {
        token: scientist,
        method: 'POST',
        body: {},
      },
    );
    assert.equal(approve.status, 403, approve.text);
    assert.match(approve.json.error.message, /gpu-quota\.request\.decide/);
    const cancel = await api(`/api/gpu-quota/requests/${own.json.id}/cancel`, {
      token: keeper,
      method: 'POST',
      body: {},
    });
    assert.equal(cancel.json.status, 'cancelled');
  });
});

describe('GPU quota in Chromium: a scientist asks, a keeper approves', () => {
  test('the card shows the new quota after approval', async () => {
    const before = await clusterHard();
    const wanted = before + 2;

    // The scientist, signed in as guest, asks on the team page.
    const page = await browser.context.newPage();
    await step(page, 'gpu-quota-request', async () => {
      await signIn(page, `/catalog/default/group/${TEAM}`);
      const card = page
        .locator('article, [class*="MuiCard-root"]')
        .filter({ hasText: 'GPU quota' })
        .first();
      await card.getByText(`${before} allocated`).waitFor({ timeout: 60_000 });
      await card.getByText(/updated .* ago|updated just now/i).waitFor();
      await card.getByRole('button', { name: 'Request more GPUs' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('New total GPUs').fill(String(wanted));
      await dialog
        .getByLabel('Justification')
        .fill('Two more GPUs for the multilingual fine-tuning run');
      await dialog.getByLabel('Duration').fill('1');
      await dialog.getByLabel('Unit').selectOption({ label: 'weeks' });
      await dialog.getByRole('button', { name: 'Submit request' }).click();
      await dialog.waitFor({ state: 'detached' });
      await card.getByText(`${before} → ${wanted}`).waitFor();
    });
    const pending = await api(
      `/api/gpu-quota/requests?team=${TEAM}&status=pending`,
      {
        token: keeper,
      },
    );
    const request = pending.json.requests.find(
      r => r.requestedAmount === wanted,
    );
    assert.ok(request, JSON.stringify(pending.json));
    assert.equal(request.durationDays, 7);
    assert.equal(request.requestedBy, 'user:default/amira.haddad');

    // The keeper, in a browser context of their own, signed in through the oauth2-proxy provider.
    const keeperBrowser = await launchAs('morgan.lee');
    try {
      const keeperPage = await keeperBrowser.context.newPage();
      await step(keeperPage, 'gpu-quota-approve', async () => {
        await signIn(keeperPage, '/gpu-quotas');
        const row = keeperPage
          .getByRole('table', { name: 'Pending requests' })
          .getByRole('row')
          .filter({ hasText: 'Two more GPUs for the multilingual' });
        await row.getByRole('button', { name: 'Approve' }).click();
        const dialog = keeperPage.getByRole('dialog');
        await dialog.getByLabel('Comment').fill('Approved for the sprint');
        await dialog.getByRole('button', { name: 'Approve' }).click();
        await dialog.waitFor({ state: 'detached' });
        await row.waitFor({ state: 'detached' });
        await keeperPage.screenshot({
          path: `${SHOTS}/gpu-quotas-page.png`,
          fullPage: true,
        });
      });
    } finally {
      await keeperBrowser.close();
    }

    assert.equal(await clusterHard(), wanted);
    const audit = await api(`/api/gpu-quota/audit?requestId=${request.id}`, {
      token: scientist,
    });
    assert.deepEqual(
      audit.json.events.map(e => [e.action, e.actor]),
      [
        ['requested', 'user:default/amira.haddad'],
        ['approved', 'user:default/morgan.lee'],
      ],
    );

    // Back on the scientist's page: the card shows the new quota.
    await step(page, 'gpu-quota-new-quota', async () => {
      await page.reload();
      const card = page
        .locator('article, [class*="MuiCard-root"]')
        .filter({ hasText: 'GPU quota' })
        .first();
      await card.getByText(`${wanted} allocated`).waitFor({ timeout: 60_000 });
      await card.getByText('approved').first().waitFor();
      await page.screenshot({
        path: `${SHOTS}/gpu-quota-card.png`,
        fullPage: true,
      });
    });
    await page.close();
  });
});
