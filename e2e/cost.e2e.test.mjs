// End-to-end: GPU cost and budgets through the portal started by scripts/start.sh, with the real
// permission policy. A keeper (morgan.lee, through the oauth2-proxy provider) sets the NLP team's
// budget; the guest (amira.haddad of nlp-team) checks jobs against it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as k8s from '@kubernetes/client-node';
import {
  api,
  eventually,
  nlpScientistToken,
  proxiedUserToken,
  runTemplate,
} from './api.mjs';
import { launch, signIn, step } from './browser.mjs';

let scientist;
let keeper;
const month = new Date().toISOString().slice(0, 7);

before(async () => {
  scientist = await nlpScientistToken();
  keeper = (await proxiedUserToken('morgan.lee')).token;
});

/** The local cluster's core API, with its admin credentials. */
function core() {
  const env = readFileSync('data/services/services.env', 'utf8');
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(env.match(/^MLP_KUBECONFIG=(.*)$/m)[1]);
  return kc.makeApiClient(k8s.CoreV1Api);
}

describe('GPU cost through the HTTP API and the real permission policy', () => {
  test('only a keeper sets a budget; a scientist reads their own team only', async () => {
    const denied = await api('/api/cost/budgets/nlp-team', {
      token: scientist,
      method: 'PUT',
      body: { month, amount: 1000 },
    });
    assert.equal(denied.status, 403, denied.text);
    assert.match(denied.json.error.message, /cost\.budget\.set/);

    const set = await api('/api/cost/budgets/nlp-team', {
      token: keeper,
      method: 'PUT',
      body: { month, amount: 100 },
    });
    assert.equal(set.status, 200, set.text);
    assert.equal(set.json.amount, 100);

    const own = await api('/api/cost/teams/nlp-team/budget-status', {
      token: scientist,
    });
    assert.equal(own.status, 200, own.text);
    assert.equal(own.json.budget, 100);
    const other = await api('/api/cost/teams/vision-team/budget-status', {
      token: scientist,
    });
    assert.equal(other.status, 403, other.text);
  });

  test('a budget check reserves the estimate and refuses what the budget cannot hold', async () => {
    const before = await api('/api/cost/teams/nlp-team/budget-status', {
      token: scientist,
    });
    const remaining = before.json.remaining;
    // At 2.50 EUR per GPU-hour (app-config.yaml), 2 GPUs for 4 h cost 20 EUR.
    const ok = await api('/api/cost/budget-checks', {
      token: scientist,
      method: 'POST',
      body: { team: 'nlp-team', gpus: 2, hours: 4, reference: 'e2e' },
    });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.reservation.estimate, 20);
    assert.equal(
      ok.json.status.remaining,
      Math.round((remaining - 20) * 100) / 100,
    );

    const tooMuch = await api('/api/cost/budget-checks', {
      token: scientist,
      method: 'POST',
      body: { team: 'nlp-team', gpus: 8, hours: 100 },
    });
    assert.equal(tooMuch.status, 409, tooMuch.text);
    assert.match(
      tooMuch.json.error.message,
      /costs about 2000 EUR, but nlp-team has .* EUR left of its 100 EUR budget/,
    );
    const released = await api(
      `/api/cost/reservations/${ok.json.reservation.id}/release`,
      { token: scientist, method: 'POST' },
    );
    assert.equal(released.status, 200, released.text);
    assert.ok(released.json.releasedAt);
  });
});

describe('the ML project template checks the budget before anything is created', () => {
  test('a project whose jobs the budget cannot hold is refused with the figures', async () => {
    const name = `e2e-budget-${Date.now().toString(36)}`;
    // 1 GPU × 336 h × 2.50 EUR = 840 EUR, far over the 100 EUR budget set above.
    const { status, log } = await runTemplate(scientist, 'ml-project', {
      name,
      description: 'Too expensive for this month',
      team: 'group:default/nlp-team',
      modelType: 'tabular',
      framework: 'sklearn',
      gpusPerJob: 1,
      runtimeHours: 336,
    });
    assert.equal(status, 'failed', log);
    assert.match(
      log,
      /mlp:cost:check: Over budget: .* costs about 840 EUR, but nlp-team has .* EUR left of its 100 EUR budget/,
    );
    assert.doesNotMatch(log, /Beginning step Create the project/);
    const entity = await api(
      `/api/catalog/entities/by-name/component/default/${name}`,
      { token: scientist },
    );
    assert.equal(entity.status, 404);
  });
});

describe('GPU cost in Chromium', () => {
  const pod = 'e2e-cost-train';
  const namespace = 'nlp-team';
  let browser;
  after(async () => {
    await browser?.close();
    await core()
      .deleteNamespacedPod({ name: pod, namespace, gracePeriodSeconds: 0 })
      .catch(() => undefined);
  });

  test('the cost page shows the chart, and its CSV matches the tables', async () => {
    // A 1-GPU training pod of the support-ticket-classifier runs for 20 s on a simulated GPU
    // node: the scheduler places it, KWOK starts and ends it (services/kube/cluster/kwok-stages.yaml).
    const api_ = core();
    await api_.createNamespacedPod({
      namespace,
      body: {
        metadata: {
          name: pod,
          labels: {
            'mlplatform.dev/project': 'support-bot',
            'mlplatform.dev/model': 'support-ticket-classifier',
            'mlplatform.dev/user': 'amira.haddad',
          },
          // Its GPU idles at 5 %: the local GPU metrics exporter reports it to Prometheus.
          annotations: {
            'mlplatform.dev/simulated-runtime': '20s',
            'mlplatform.dev/simulated-gpu-util': '5',
          },
        },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'train',
              image: 'ml-training:latest',
              resources: {
                requests: { 'nvidia.com/gpu': '1' },
                limits: { 'nvidia.com/gpu': '1' },
              },
            },
          ],
        },
      },
    });
    const monthStart = Date.parse(`${month}-01T00:00:00Z`);
    const next = new Date(monthStart);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const range = `from=${month}-01&to=${next.toISOString().slice(0, 10)}`;
    const modelLine = async () => {
      const s = await api(`/api/cost/teams/nlp-team/summary?${range}`, {
        token: scientist,
      });
      return s.json?.byModel?.find(l => l.key === 'support-ticket-classifier');
    };
    const ended = await eventually(
      async () => {
        const p = await api_.readNamespacedPod({ name: pod, namespace });
        return p.status?.phase === 'Succeeded' && p;
      },
      { timeoutMs: 90_000, intervalMs: 1_000 },
    );
    assert.ok(ended, 'the pod did not run and end on a simulated node');
    const ranHours =
      (Date.parse(
        ended.status.containerStatuses[0].state.terminated.finishedAt,
      ) -
        Date.parse(ended.status.startTime)) /
      3_600_000;
    // The ledger closes it at its end, and the figures stop moving.
    const line = await eventually(
      async () => {
        const l = await modelLine();
        return l && Math.abs(l.gpuHours - ranHours) < 0.001 && l;
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    assert.ok(line, `the ledger did not bill the pod's ${ranHours} GPU hours`);
    // Prometheus measured its GPU idle: the line has idle GPU-hours, priced.
    const measured = await eventually(
      async () => {
        const l = await modelLine();
        return l?.utilization?.idleGpuHours > 0 && l;
      },
      { timeoutMs: 60_000, intervalMs: 2_000 },
    );
    assert.ok(measured, 'no idle GPU-hours measured for the idle pod');
    assert.ok(measured.utilization.idleCost > 0);

    browser = await launch();
    const page = await browser.context.newPage();
    await step(page, 'cost-page', async () => {
      await signIn(page, '/cost?team=nlp-team');
      await page
        .locator('[aria-label="Daily GPU spend"] svg')
        .first()
        .waitFor({ timeout: 60_000 });
      const table = page.getByRole('table', { name: 'Cost by model' });
      const row = table
        .getByRole('row')
        .filter({ hasText: 'support-ticket-classifier' });
      await row.waitFor();
      const cells = await row.getByRole('cell').allInnerTexts();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      const csv = readFileSync(await download.path(), 'utf8')
        .trim()
        .split(/\r?\n/);
      const csvRow = csv
        .map(l => l.split(','))
        .find(
          ([section, key]) =>
            section === 'model' && key === 'support-ticket-classifier',
        );
      assert.ok(csvRow, csv.join('\n'));
      const number = text => Number(text.replace(/[^0-9.]/g, ''));
      assert.equal(number(cells[1]), Math.round(Number(csvRow[2]) * 10) / 10);
      assert.equal(number(cells[2]), Number(csvRow[3]));
      assert.equal(Number(csvRow[3]), line.cost);
      // Avg util., idle GPU-hours and idle cost: the same in the table, the CSV and the API.
      const shown = await eventually(
        async () => {
          const l = await modelLine();
          return (
            Number(csvRow[7]) === l.utilization.idleCost &&
            number(cells[5]) === l.utilization.idleCost &&
            l
          );
        },
        { timeoutMs: 5_000, intervalMs: 500 },
      );
      assert.ok(
        shown,
        `idle cost: table ${cells[5]}, CSV ${csvRow[7]}, API ${
          (await modelLine()).utilization.idleCost
        }`,
      );
      const avg = shown.utilization.averagePercent;
      assert.equal(
        cells[3],
        `${avg.toLocaleString('en-US', {
          maximumFractionDigits: avg < 10 ? 1 : 0,
        })} %`,
      );
      assert.equal(Number(csvRow[6]), shown.utilization.idleGpuHours);
      await page
        .getByLabel('Total for the range')
        .getByText('Idle cost', { exact: true })
        .waitFor();
      await page.screenshot({
        path: 'test-results/e2e/cost-page.png',
        fullPage: true,
      });
    });
  });
});
