// End-to-end: a team's Experiments tab on the running portal. The guest (amira.haddad, nlp-team)
// submits a short training job through the jobs API; the portal makes its MLflow run, the job
// runs on the local cluster, and the portal ends the run with the job. The tab then shows that
// run with the job's cost as the API answers it, next to the seeded runs made outside any job.
// Screenshot into test-results/e2e/experiments/, layout checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { api, eventually, guestToken } from './api.mjs';
import { launch, signIn, step } from './browser.mjs';
import { layoutProblems, waitForSettled } from './layout.mjs';

const SHOTS = 'test-results/e2e/experiments';
mkdirSync(SHOTS, { recursive: true });

/** The portal's money format (plugins/mlp-react/src/money.ts). */
const money = (amount, currency) =>
  `${amount.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })} ${currency}`;

test("nlp-team's Experiments tab lists its runs with the cost of the jobs that made them", async () => {
  const { token } = await guestToken();
  const submitted = await api('/api/jobs', {
    token,
    method: 'POST',
    body: {
      team: 'nlp-team',
      name: 'e2e-experiments',
      image: 'ml-training:latest',
      script: 'train.py',
      gpus: 1,
      memory: '1Gi',
      cpu: '1',
      timeoutHours: 1,
      simulate: { runtime: '3s' },
    },
  });
  assert.equal(submitted.status, 201, submitted.text);
  const id = submitted.json.job.id;
  assert.match(submitted.json.job.mlflow.runId, /^[0-9a-f]{32}$/);
  // The job ends; the records' pass (every 30 s) ends its run with it.
  const ended = await eventually(
    async () => {
      const res = await api('/api/mlflow/teams/nlp-team/runs', { token });
      const found = res.json?.runs?.find(r => r.jobId === id);
      return found && found.status === 'FINISHED' && found.cost !== undefined
        ? { answer: res.json, run: found }
        : undefined;
    },
    { timeoutMs: 150_000, intervalMs: 5_000 },
  );
  assert.ok(ended, `job ${id}'s run did not end with the job`);
  const { answer, run } = ended;
  assert.equal(answer.jobFigures, true);
  const job = (await api(`/api/jobs/${id}`, { token })).json;
  assert.equal(job.phase, 'Succeeded');
  assert.equal(run.gpuSeconds, job.gpus * job.runtimeSeconds);
  assert.equal(run.cost, job.costSoFar);
  // The seeded demo runs, made outside the portal's jobs, are there too.
  assert.ok(
    answer.runs.some(r => !r.jobId),
    'seeded runs without a job',
  );

  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await step(
      page,
      'team-experiments',
      async () => {
        await signIn(page, '/catalog/default/group/nlp-team/experiments');
        const table = page.getByRole('table', { name: 'Team runs' });
        await table.waitFor({ timeout: 60_000 });
        await waitForSettled(page);
        const row = page.getByTestId(`team-run-${run.runId}`);
        const text = await row.innerText();
        assert.ok(
          text.includes(money(run.cost, run.currency)),
          `row "${text}", API cost ${run.cost} ${run.currency}`,
        );
        await page.screenshot({
          path: `${SHOTS}/team-experiments.png`,
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
