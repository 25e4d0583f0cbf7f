// End-to-end: deploying a model version from its page on the running portal, on the living local
// cluster. The guest (amira.haddad, nlp-team) deploys support-ticket-classifier's champion to
// staging with 2 replicas of 1 GPU: the portal applies a KServe InferenceService, KServe's
// controller makes the predictor Deployment, the scheduler places its pods on the simulated GPU
// nodes and KWOK runs them, and the tab follows the endpoint to Ready. A production deploy waits
// for approval; the team's lead (jonas.berg) approves it in a second browser. The lineage and the
// model card's deployment history are checked against the API. Screenshots into
// test-results/e2e/deployments/, layout checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { api, eventually, guestToken, proxiedUserToken } from './api.mjs';
import { launch, launchAs, signIn, step } from './browser.mjs';
import { kubeGet } from './kube.mjs';
import { layoutProblems, waitForSettled } from './layout.mjs';

const SHOTS = 'test-results/e2e/deployments';
mkdirSync(SHOTS, { recursive: true });
const MODEL = 'support-ticket-classifier';
const TAB = `/catalog/default/component/${MODEL}/deployments`;

test('a scientist deploys the champion to staging and it serves on the cluster; the lead approves production', async () => {
  const { token } = await guestToken();
  const keeper = (await proxiedUserToken('morgan.lee')).token;
  const registry = await api(`/api/deployments/models/${MODEL}`, { token });
  assert.equal(registry.status, 200, registry.text);
  assert.equal(registry.json.team, 'nlp-team');
  const month = new Date().toISOString().slice(0, 7);
  const setBudget = async amount => {
    const res = await api('/api/cost/budgets/nlp-team', {
      token: keeper,
      method: 'PUT',
      body: { month, amount },
    });
    assert.equal(res.status, 200, res.text);
  };
  // 100 EUR, as the cost tests leave it: two GPUs until the month ends cost far more.
  await setBudget(100);

  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await step(
      page,
      'deploy-staging',
      async () => {
        await signIn(page, TAB);
        const staging = page.getByTestId('endpoint-staging');
        await staging.waitFor({ timeout: 60_000 });
        await staging
          .getByRole('button', { name: 'Deploy to staging' })
          .click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('Replicas').fill('2');
        await dialog.getByLabel('GPUs per replica').fill('1');
        await dialog
          .getByRole('button', { name: 'Deploy', exact: true })
          .click();
        // Refused with the figures, in the dialog, and nothing made.
        await dialog
          .getByText(/^Over budget: 2 × nvidia.com\/gpu for \d+ h/)
          .waitFor({ timeout: 30_000 });
        assert.match(
          await dialog.getByRole('alert').innerText(),
          /An endpoint reserves its GPUs until the month ends/,
        );
        const none = (await api(`/api/deployments/models/${MODEL}`, { token }))
          .json;
        assert.deepEqual(none.deployments, []);
        await page.screenshot({
          path: `${SHOTS}/deploy-over-budget.png`,
          fullPage: true,
        });
        // A keeper raises the budget; the same dialog deploys.
        await setBudget(100_000);
        await dialog
          .getByRole('button', { name: 'Deploy', exact: true })
          .click();
        await page
          .getByText(/is deploying to staging/)
          .waitFor({ timeout: 30_000 });
        // The tab follows the endpoint until KServe's pods are ready on the simulated nodes.
        await staging
          .getByText('Ready', { exact: true })
          .waitFor({ timeout: 150_000 });
        await staging.getByText('2 of 2').waitFor({ timeout: 60_000 });
      },
      SHOTS,
    );

    // The tab showed Ready; the API says the same once the new deploy has rolled out (on a
    // cluster where an earlier run left this endpoint, its old pods are replaced first).
    const view = await eventually(
      async () => {
        const answer = (
          await api(`/api/deployments/models/${MODEL}`, { token })
        ).json;
        const ready = answer.endpoints.find(
          e => e.environment === 'staging' && e.ready,
        );
        return ready && ready.readyReplicas === 2 ? answer : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 2_000 },
    );
    assert.ok(view, 'the staging endpoint is ready through the API');
    const live = view.deployments.find(
      d => d.environment === 'staging' && d.status === 'live',
    );
    assert.ok(live, JSON.stringify(view.deployments));
    assert.equal(live.alias, 'champion');
    const endpoint = view.endpoints.find(e => e.environment === 'staging');
    assert.equal(endpoint.versionServed, live.version);
    // What the cluster has: the InferenceService as asked, and its pods on GPU nodes.
    const isvc = await kubeGet(
      `/apis/serving.kserve.io/v1beta1/namespaces/nlp-team/inferenceservices/${live.inferenceService}`,
    );
    assert.equal(isvc.spec.predictor.minReplicas, 2);
    assert.equal(
      isvc.spec.predictor.model.resources.requests['nvidia.com/gpu'],
      '1',
    );
    const pods = await kubeGet(
      `/api/v1/namespaces/nlp-team/pods?labelSelector=${encodeURIComponent(
        `serving.kserve.io/inferenceservice=${live.inferenceService}`,
      )}`,
    );
    const running = pods.items.filter(
      p => p.status.phase === 'Running' && !p.metadata.deletionTimestamp,
    );
    assert.equal(
      running.length,
      2,
      JSON.stringify(pods.items.map(p => p.status.phase)),
    );

    await step(
      page,
      'ask-production',
      async () => {
        const production = page.getByTestId('endpoint-production');
        await production
          .getByRole('button', { name: 'Deploy to production' })
          .click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('button', { name: 'Ask for approval' }).click();
        await page
          .getByText(
            /waits for approval by a platform keeper or nlp-team's lead/,
          )
          .waitFor({ timeout: 30_000 });
        await page
          .getByTestId('pending-approvals')
          .getByText(/You asked for this deploy/)
          .first()
          .waitFor({ timeout: 30_000 });
        // The lineage of the served version, as the API has it.
        const lineage = (
          await api(`/api/deployments/models/${MODEL}/lineage`, { token })
        ).json;
        await page
          .getByTestId('lineage-version')
          .getByText(`v${lineage.version}`)
          .waitFor();
        if (lineage.run) {
          assert.ok(
            (await page.getByTestId('lineage-run').innerText()).length > 0,
          );
        }
        await waitForSettled(page);
        await page.screenshot({
          path: `${SHOTS}/deployments-scientist.png`,
          fullPage: true,
        });
        assert.deepEqual(await layoutProblems(page), []);
      },
      SHOTS,
    );
  } finally {
    await browser.close();
  }

  const pending = (
    await api(`/api/deployments/models/${MODEL}`, { token })
  ).json.deployments.find(
    d => d.environment === 'production' && d.status === 'pending-approval',
  );
  assert.ok(pending, 'a production deploy waits for approval');
  const refused = await api(`/api/deployments/${pending.id}/approve`, {
    token,
    method: 'POST',
    body: {},
  });
  assert.equal(refused.status, 403, 'the requester cannot approve');

  const lead = await launchAs('jonas.berg');
  try {
    const page = await lead.context.newPage();
    await step(
      page,
      'lead-approves',
      async () => {
        await signIn(page, TAB);
        await page
          .getByRole('button', { name: 'Approve and deploy' })
          .first()
          .click();
        await page
          .getByText(/Approved: version \d+ is deploying to production/)
          .waitFor({ timeout: 30_000 });
        // Ready through the API once the approved deploy has rolled out, then on the tab (it
        // looks again every 3 s while an endpoint starts).
        const served = await eventually(
          async () => {
            const answer = (
              await api(`/api/deployments/models/${MODEL}`, { token })
            ).json;
            const e = answer.endpoints.find(
              x => x.environment === 'production' && x.ready,
            );
            return e ? e : undefined;
          },
          { timeoutMs: 120_000, intervalMs: 2_000 },
        );
        assert.ok(served, 'the production endpoint is ready through the API');
        const production = page.getByTestId('endpoint-production');
        await production
          .getByText('Ready', { exact: true })
          .waitFor({ timeout: 30_000 });
        await production
          .getByText(`v${served.versionServed}`, { exact: true })
          .waitFor();
        await waitForSettled(page);
        await page.screenshot({
          path: `${SHOTS}/deployments-lead.png`,
          fullPage: true,
        });
        assert.deepEqual(await layoutProblems(page), []);
      },
      SHOTS,
    );
  } finally {
    await lead.close();
  }
  const approved = (await api(`/api/deployments/${pending.id}`, { token }))
    .json;
  assert.equal(approved.status, 'live');
  assert.equal(approved.decidedBy, 'user:default/jonas.berg');

  // The model card's deployment history is the audit trail.
  const { events } = (
    await api(`/api/deployments/models/${MODEL}/audit`, { token })
  ).json;
  const card = await launch();
  try {
    const page = await card.context.newPage();
    await step(
      page,
      'model-card-history',
      async () => {
        await signIn(page, `/docs/default/component/${MODEL}`);
        const block = page.getByTestId('deployment-history-block');
        await block.waitFor({ timeout: 60_000 });
        const rows = block.getByRole('row');
        await eventually(
          async () =>
            (await rows.count()) === events.length + 1 ? true : undefined,
          {
            timeoutMs: 30_000,
            intervalMs: 500,
          },
        );
        assert.equal(await rows.count(), events.length + 1);
        await block.scrollIntoViewIfNeeded();
        await page.screenshot({
          path: `${SHOTS}/model-card-history.png`,
          fullPage: true,
        });
      },
      SHOTS,
    );
  } finally {
    await card.close();
  }

  // The later tests need nlp-team's GPUs: staging goes on serving without them.
  const scaledDown = await api('/api/deployments', {
    token,
    method: 'POST',
    body: {
      model: MODEL,
      alias: 'champion',
      environment: 'staging',
      replicas: 2,
      gpus: 0,
    },
  });
  assert.equal(scaledDown.status, 201, scaledDown.text);
});
