// End-to-end, the seed workflow on the living local cluster: a data scientist (the guest,
// amira.haddad of nlp-team) starts an ML project from its template, then runs `mlp train --gpu 2`
// with a 60 s simulated runtime. The scheduler places the pod on a simulated GPU node, KWOK runs
// and ends it, Argo's controller follows it, the cost ledger bills it: nothing here plays a part.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  api,
  BACKEND_URL,
  eventually,
  guestToken,
  runTemplate,
} from './api.mjs';
import { launch, signIn, step } from './browser.mjs';
import { kubeGet } from './kube.mjs';

const run = promisify(execFile);
const team = 'nlp-team';
const project = `e2e-train-${Date.now().toString(36)}`;
let token;
let configHome;

before(async () => {
  token = (
    await eventually(async () => {
      const id = await guestToken();
      return id.identity.ownershipEntityRefs.includes(`group:default/${team}`)
        ? id
        : undefined;
    })
  ).token;
  configHome = mkdtempSync(join(tmpdir(), 'mlp-e2e-config-'));
});
after(() => rmSync(configHome, { recursive: true, force: true }));

/** The mlp CLI of sdk/python, as a scientist runs it, logged in through MLP_PORTAL_URL/MLP_TOKEN. */
async function mlp(...args) {
  const { stdout } = await run('python3', ['-m', 'mlp', ...args], {
    cwd: 'sdk/python',
    env: {
      ...process.env,
      MLP_PORTAL_URL: BACKEND_URL,
      MLP_TOKEN: token,
      XDG_CONFIG_HOME: configHome,
    },
  });
  return stdout;
}

const inUse = async () => {
  const answer = await api(`/api/gpu-quota/teams/${team}`, { token });
  return answer.json.quota.resources.find(r => r.resource === 'nvidia.com/gpu')
    .used;
};
const jobOf = async id => (await api(`/api/jobs/${id}`, { token })).json;

describe('a training job really runs: template, mlp train, Running, Succeeded, billed', () => {
  let browser;
  after(async () => browser?.close());

  test('mlp train --gpu 2 runs on a GPU node, succeeds, is billed 2 GPUs × its runtime × the rate, and frees its GPUs', async () => {
    const created = await runTemplate(token, 'ml-project', {
      name: project,
      description: 'Trains for the end-to-end test',
      team: `group:default/${team}`,
      modelType: 'tabular',
      framework: 'sklearn',
      gpusPerJob: 2,
      runtimeHours: 1,
    });
    assert.equal(created.status, 'completed', created.log);

    // Wait for the quota cache to show what the cluster has now, then take the figure.
    await new Promise(r => setTimeout(r, 2_000));
    const before_ = await inUse();
    const submitted = await mlp(
      'train',
      '--name',
      'e2e-train',
      '--image',
      'ml-training:latest',
      '--script',
      'train.py',
      '--gpu',
      '2',
      '--memory',
      '16Gi',
      '--timeout-hours',
      '1',
      '--project',
      project,
      '--team',
      team,
      '--simulate-runtime',
      '60s',
    );
    const id = /^Submitted job (\S+) to nlp-team\.$/m.exec(submitted)?.[1];
    assert.ok(id, submitted);
    const submittedAt = Date.now();

    // Within seconds it runs on one of the simulated GPU nodes.
    const running = await eventually(
      async () => {
        const job = await jobOf(id);
        return job.phase === 'Running' && job;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    assert.ok(
      running,
      `not Running within 30 s: ${JSON.stringify(await jobOf(id))}`,
    );
    const secondsToRunning = (Date.now() - submittedAt) / 1000;
    assert.ok(secondsToRunning < 30, `${secondsToRunning} s to Running`);
    const node = await kubeGet(`/api/v1/nodes/${running.node}`);
    assert.equal(node.status.capacity['nvidia.com/gpu'], '8', running.node);
    assert.equal(running.gpus, 2);
    const status = await mlp('status', id);
    assert.match(status, /Running/);
    assert.match(status, new RegExp(running.node));
    assert.equal(
      await eventually(async () => (await inUse()) === before_ + 2, {
        timeoutMs: 30_000,
        intervalMs: 1_000,
      }),
      true,
      'the team’s GPUs in use did not rise by 2',
    );

    // Then it succeeds: KWOK ends the pod after the 60 s the job asked for.
    const done = await eventually(
      async () => {
        const job = await jobOf(id);
        return ['Succeeded', 'Failed', 'Error'].includes(job.phase) && job;
      },
      { timeoutMs: 150_000, intervalMs: 2_000 },
    );
    assert.equal(done?.phase, 'Succeeded', JSON.stringify(done));
    assert.equal(done.attempts, 1);
    assert.equal(done.exitCode, 0);

    // Its cost, from the pod's own timestamps: GPUs × (end − start) × the rate, to the cent.
    const [podName] = done.pods;
    const pod = await kubeGet(`/api/v1/namespaces/${team}/pods/${podName}`);
    const start = Date.parse(pod.status.startTime);
    const end = Math.max(
      ...pod.status.containerStatuses.map(s =>
        Date.parse(s.state.terminated.finishedAt),
      ),
    );
    const runtime = (end - start) / 1000;
    assert.ok(runtime >= 59 && runtime <= 75, `ran ${runtime} s`);
    const rates = (await api('/api/cost/rates', { token })).json;
    const expected =
      2 * (runtime / 3600) * rates.gpuHourlyRates['nvidia.com/gpu'];
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const line = await eventually(async () => {
      const summary = await api(
        `/api/cost/teams/${team}/summary?from=${today}&to=${tomorrow}`,
        { token },
      );
      const l = summary.json?.byProject?.find(p => p.key === project);
      // The line is final once the ledger has the pod's end: it stops growing.
      return l && Math.abs(l.cost - expected) < 0.005 && l;
    });
    assert.ok(
      line,
      `the ledger's cost of ${project} is not ${expected.toFixed(4)}`,
    );
    assert.equal(Math.round(line.cost * 100), Math.round(expected * 100));
    assert.equal(Math.round(done.costSoFar * 100), Math.round(expected * 100));

    // The team's GPUs in use go back down.
    assert.equal(
      await eventually(async () => (await inUse()) === before_, {
        timeoutMs: 30_000,
        intervalMs: 1_000,
      }),
      true,
      'the team’s GPUs in use did not fall back',
    );

    // The Training jobs page shows it as the user sees it.
    browser = await launch();
    const page = await browser.context.newPage();
    await step(page, 'jobs-page', async () => {
      await signIn(page, `/jobs?team=${team}`);
      const row = page.getByRole('row').filter({ hasText: id });
      await row.waitFor({ timeout: 60_000 });
      const text = await row.innerText();
      assert.match(text, /Succeeded/);
      assert.match(text, new RegExp(`${done.costSoFar.toFixed(2)} EUR`));
      await page.screenshot({
        path: 'test-results/e2e/jobs-page.png',
        fullPage: true,
      });
    });
  });
});
