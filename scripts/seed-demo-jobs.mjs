#!/usr/bin/env node
// Gives the demo live training jobs: once the backend answers, submits a few jobs through the real
// jobs API as the guest user (so the quota and budget checks run as for anyone), on the local
// cluster's simulated GPU nodes. Some finish within minutes, one fails, one runs for hours.
// Nothing is written into the portal's database; a second start finds them and submits nothing.
//   node scripts/seed-demo-jobs.mjs [BACKEND_URL]     default http://localhost:7007
// scripts/start.sh runs it in the background when it started the local services.
const backend = (process.argv[2] ?? 'http://localhost:7007').replace(
  /\/+$/,
  '',
);
const WAIT_MINUTES = 20;

export const DEMO_JOBS = [
  {
    name: 'demo-tokenizer-sweep',
    gpus: 1,
    timeoutHours: 1,
    simulate: { runtime: '90s' },
  },
  {
    name: 'demo-distil-eval',
    gpus: 1,
    timeoutHours: 1,
    simulate: { runtime: '4m' },
  },
  {
    name: 'demo-label-check',
    gpus: 1,
    timeoutHours: 1,
    retries: 1,
    simulate: {
      runtime: '20s',
      exitCode: 1,
      failure: "KeyError: column 'urgency' not in the training data",
    },
  },
  {
    name: 'demo-bert-large',
    gpus: 2,
    timeoutHours: 8,
    simulate: { runtime: '6h' },
  },
];

const log = message => console.log(`[demo-jobs] ${message}`);
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function guestToken() {
  const deadline = Date.now() + WAIT_MINUTES * 60_000;
  for (;;) {
    try {
      const res = await fetch(`${backend}/api/auth/guest/refresh`);
      if (res.ok) {
        const body = await res.json();
        return {
          token: body.backstageIdentity.token,
          teams: (body.backstageIdentity.identity.ownershipEntityRefs ?? [])
            .filter(r => r.startsWith('group:'))
            .map(r => r.replace(/^group:[^/]+\//, '')),
        };
      }
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      throw new Error(
        `the backend at ${backend} did not answer within ${WAIT_MINUTES} minutes`,
      );
    }
    await sleep(3000);
  }
}

async function api(token, method, path, body) {
  const res = await fetch(`${backend}/api/jobs${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok)
    throw new Error(`${method} /api/jobs${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

async function main() {
  const { token, teams } = await guestToken();
  const team = teams[0];
  if (!team) {
    log('the guest user is in no team: no demo jobs');
    return;
  }
  const { jobs } = await api(token, 'GET', `?team=${encodeURIComponent(team)}`);
  const have = new Set(jobs.map(j => j.name));
  for (const job of DEMO_JOBS) {
    if (have.has(job.name)) continue;
    try {
      const { job: made } = await api(token, 'POST', '', {
        ...job,
        team,
        image: 'ml-training:latest',
        script: 'train.py',
        memory: '16Gi',
        project: 'support-ticket-classifier',
        experiment: 'support-ticket-classifier',
      });
      log(
        `submitted ${made.id} (${job.gpus} GPU, runs ${job.simulate.runtime}) to ${team}`,
      );
    } catch (error) {
      // A refusal (quota, budget) is what a user would see; the demo goes on without this job.
      log(`not submitted ${job.name}: ${error.message}`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch(error => {
    log(`error: ${error.message}`);
    process.exit(1);
  });
}
