// End-to-end: idle GPU reclaim through the portal started by scripts/start.sh, with the real
// permission policy, the real notifications backend and the local Prometheus. A keeper
// (morgan.lee) sets an idle policy for nlp-team; the guest (amira.haddad of nlp-team) runs a job
// whose GPU idles at 2 %; the portal's pass (every 15 s locally) announces it to her, and she
// stops it from the Idle GPUs page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  eventually,
  nlpScientistToken,
  proxiedUserToken,
} from './api.mjs';
import { launch, signIn, step } from './browser.mjs';

let scientist;
let keeper;
let jobId;
let browser;

before(async () => {
  scientist = await nlpScientistToken();
  keeper = (await proxiedUserToken('morgan.lee')).token;
});

after(async () => {
  await browser?.close();
  // nlp-team has no idle policy again, and the job is gone, for the tests after this one.
  await api('/api/utilization/policies/nlp-team', {
    token: keeper,
    method: 'DELETE',
  });
  if (jobId) {
    await api(`/api/jobs/${jobId}`, { token: scientist, method: 'DELETE' });
  }
});

describe('idle GPUs: a notice, then a stop from the Idle GPUs page', () => {
  test('an idle job is announced to its owner, who stops it on the page', async () => {
    const refused = await api('/api/utilization/policies/nlp-team', {
      token: scientist,
      method: 'PUT',
      body: { windowMinutes: 0.5, graceMinutes: 10 },
    });
    assert.equal(refused.status, 403, refused.text);
    const set = await api('/api/utilization/policies/nlp-team', {
      token: keeper,
      method: 'PUT',
      body: {
        idleBelowPercent: 10,
        windowMinutes: 0.5,
        graceMinutes: 10,
        snoozeMinutes: 5,
        maxSnoozes: 1,
      },
    });
    assert.equal(set.status, 200, set.text);

    const submitted = await api('/api/jobs', {
      token: scientist,
      method: 'POST',
      body: {
        name: 'e2e-idle',
        team: 'nlp-team',
        image: 'ml-training:latest',
        script: 'train.py',
        gpus: 1,
        memory: '8Gi',
        cpu: '2',
        timeoutHours: 1,
        simulate: { runtime: '10m', gpuUtil: 2 },
      },
    });
    assert.equal(submitted.status, 201, submitted.text);
    jobId = submitted.json.job.id;

    const notice = await eventually(
      async () => {
        const { json } = await api('/api/utilization/notices?team=nlp-team', {
          token: scientist,
        });
        return json?.notices?.find(
          n => n.workload === jobId && n.state === 'notified',
        );
      },
      { timeoutMs: 150_000, intervalMs: 3_000 },
    );
    assert.ok(notice, `no idle notice for ${jobId}`);
    assert.equal(notice.owner, 'user:default/amira.haddad');
    // The owner's notification, in the real notifications backend.
    const notified = await eventually(async () => {
      const { json } = await api('/api/notifications/notifications', {
        token: scientist,
      });
      return json?.notifications?.find(n =>
        n.payload.title.startsWith(`Job ${jobId} has idle GPUs`),
      );
    });
    assert.ok(notified, 'no notification reached the owner');
    assert.equal(notified.payload.link, '/gpu-idle?team=nlp-team');

    browser = await launch();
    const page = await browser.context.newPage();
    await step(page, 'idle-gpus', async () => {
      await signIn(page, '/gpu-idle?team=nlp-team');
      const table = page.getByRole('table', { name: 'Idle notices' });
      const row = table.getByRole('row').filter({ hasText: jobId });
      await row.getByText('Idle: will be stopped').waitFor({ timeout: 60_000 });
      await page.getByText('What happened').waitFor();
      await page.screenshot({
        path: 'test-results/e2e/idle-gpus.png',
        fullPage: true,
      });
      await row.getByRole('button', { name: 'Stop now' }).click();
      await row.getByText('Stopped').waitFor({ timeout: 30_000 });
    });

    // Stopped, not deleted: the job is still listed, its pod gone, the trail says who.
    const job = await eventually(async () => {
      const { json } = await api(`/api/jobs/${jobId}`, { token: scientist });
      return json && json.pods.length === 0 && json;
    });
    assert.ok(job, 'the job or its pod is not as expected after the stop');
    const { json } = await api('/api/utilization/teams/nlp-team/events', {
      token: scientist,
    });
    const mine = json.events.filter(e => e.workload === jobId);
    assert.deepEqual(
      mine.map(e => [e.action, e.actor]),
      [
        ['stopped', 'user:default/amira.haddad'],
        ['notified', 'idle-reclaim'],
      ],
    );
  });
});
