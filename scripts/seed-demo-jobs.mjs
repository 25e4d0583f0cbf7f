#!/usr/bin/env node
// Gives the demo live training jobs: once the backend answers, submits a few jobs per demo team
// through the real jobs API, each as one of the team's catalog users (so the quota and budget
// checks run as for anyone), on the local cluster's simulated GPU nodes. Some finish within
// minutes, one fails and is retried, one runs for hours, and vision-team's L4 job waits for GPUs
// until tabular-team's L4 job ends. Then tabular-team's churn-predictor champion is deployed to
// staging (KServe on the local cluster). Nothing is written into the portal's database but what
// the APIs write; a second start finds the jobs and the deployment and submits nothing.
//   node scripts/seed-demo-jobs.mjs [BACKEND_URL]     default http://localhost:7007
// scripts/start.sh runs it in the background when it started the local services. It signs in
// through the oauth2Proxy provider that the local services' config enables for this
// (scripts/services-config.mjs). While the local cluster is still being built (first start), the
// jobs API answers 503 ClusterStartingError: the script waits for it.
const backend = (process.argv[2] ?? 'http://localhost:7007').replace(
  /\/+$/,
  '',
);
const WAIT_MINUTES = 30;

const base = {
  image: 'ml-training:latest',
  script: 'train.py',
  memory: '16Gi',
  timeoutHours: 1,
};

/** In submission order: the L4 jobs of nlp-team and tabular-team take a node each first. */
export const DEMO_JOBS = [
  {
    user: 'amira.haddad',
    team: 'nlp-team',
    jobs: [
      {
        name: 'demo-bert-large',
        gpus: 2,
        gpuProduct: 'NVIDIA-L4',
        timeoutHours: 8,
        simulate: { runtime: '6h', gpuUtil: 93 },
      },
      {
        name: 'demo-tokenizer-sweep',
        gpus: 1,
        simulate: { runtime: '90s', gpuUtil: 64 },
      },
      {
        name: 'demo-label-check',
        gpus: 1,
        retries: 1,
        simulate: {
          runtime: '20s',
          exitCode: 1,
          failure: "KeyError: column 'urgency' not in the training data",
        },
      },
    ],
    project: 'support-ticket-classifier',
  },
  {
    user: 'raj.patel',
    team: 'tabular-team',
    jobs: [
      {
        name: 'demo-churn-retrain',
        gpus: 2,
        gpuProduct: 'NVIDIA-L4',
        // Its GPUs wait on a slow data loader: the cost page shows them idle, and the demo's
        // idle policy (DEMO_IDLE_POLICY) announces it to raj.patel and then stops it.
        simulate: { runtime: '5m', gpuUtil: 3 },
      },
      { name: 'demo-churn-shap', gpus: 1, simulate: { runtime: '60s' } },
    ],
    project: 'churn-predictor',
  },
  {
    user: 'li.wei',
    team: 'vision-team',
    jobs: [
      { name: 'demo-defect-augment', gpus: 2, simulate: { runtime: '2m' } },
      {
        // Both L4 nodes have 2 GPUs taken by now: this waits until demo-churn-retrain ends.
        name: 'demo-defect-l4-eval',
        gpus: 4,
        gpuProduct: 'NVIDIA-L4',
        simulate: { runtime: '3m' },
      },
    ],
    project: 'defect-detector',
  },
];

const log = message => console.log(`[demo-jobs] ${message}`);
const sleep = ms => new Promise(r => setTimeout(r, ms));
const deadline = Date.now() + WAIT_MINUTES * 60_000;

/**
 * A token for a catalog user, once the backend answers and its catalog holds the user (sign-in
 * fails with 500 "unable to resolve user identity" until the catalog has read catalog/org.yaml).
 */
async function tokenOf(user) {
  let last = 'no answer';
  for (;;) {
    try {
      const res = await fetch(`${backend}/api/auth/oauth2Proxy/refresh`, {
        headers: {
          'X-Forwarded-User': user,
          'X-Requested-With': 'XMLHttpRequest',
        },
      });
      if (res.ok) return (await res.json()).backstageIdentity.token;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
      // No such provider: the local services' config is not in the portal's config list.
      if (res.status === 404) {
        throw new Error(
          `sign-in as ${user} refused (${last}); the local services' config (data/services/app-config.services.yaml) enables it`,
        );
      }
    } catch (error) {
      if (String(error.message).startsWith('sign-in as')) throw error;
      // not up yet
    }
    if (Date.now() > deadline) {
      throw new Error(
        `could not sign in as ${user} at ${backend} within ${WAIT_MINUTES} minutes (last answer: ${last})`,
      );
    }
    await sleep(3000);
  }
}

/** A jobs API call; waits while the local cluster is still being built (503). */
async function api(token, method, path, body, plugin = 'jobs') {
  for (;;) {
    const res = await fetch(`${backend}/api/${plugin}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (res.ok) return JSON.parse(text);
    if (res.status === 503 && Date.now() < deadline) {
      await sleep(10_000);
      continue;
    }
    throw new Error(`${method} /api/${plugin}${path}: ${res.status} ${text}`);
  }
}

async function seedTeam({ user, team, jobs, project }) {
  const token = await tokenOf(user);
  const { jobs: have } = await api(
    token,
    'GET',
    `?team=${encodeURIComponent(team)}`,
  );
  const names = new Set(have.map(j => j.name));
  for (const job of jobs) {
    if (names.has(job.name)) continue;
    try {
      const { job: made } = await api(token, 'POST', '', {
        ...base,
        ...job,
        team,
        project,
        experiment: project,
      });
      log(
        `${user} submitted ${made.id} to ${team} (${job.gpus} GPU${
          job.gpuProduct ? ` ${job.gpuProduct}` : ''
        }, runs ${job.simulate.runtime})`,
      );
    } catch (error) {
      // A refusal (quota, budget) is what a user would see; the demo goes on without this job.
      log(`not submitted ${job.name} to ${team}: ${error.message}`);
    }
  }
}

/**
 * A live endpoint for the demo: tabular-team's churn-predictor champion on staging (1 replica, no
 * GPU), deployed through the deployments API as raj.patel unless staging already serves it.
 */
export const DEMO_DEPLOYMENT = {
  user: 'raj.patel',
  request: {
    model: 'churn-predictor',
    alias: 'champion',
    environment: 'staging',
    replicas: 1,
    gpus: 0,
  },
};

async function seedDeployment({ user, request }) {
  const token = await tokenOf(user);
  const view = await api(
    token,
    'GET',
    `/models/${request.model}`,
    undefined,
    'deployments',
  );
  if (view.deployments.some(d => d.environment === request.environment)) {
    return;
  }
  try {
    const { deployment } = await api(token, 'POST', '', request, 'deployments');
    log(
      `${user} deployed ${request.model} v${deployment.version} to ${request.environment}`,
    );
  } catch (error) {
    log(`not deployed ${request.model}: ${error.message}`);
  }
}

/**
 * An idle policy for the demo, set by a platform keeper before the jobs start: tabular-team's
 * jobs whose GPUs stay under 10 % for 2 minutes are announced to their owner and stopped 1
 * minute later (demo-churn-retrain idles at 3 % for 5 minutes: it is stopped at about 3).
 */
export const DEMO_IDLE_POLICY = {
  keeper: 'morgan.lee',
  team: 'tabular-team',
  policy: {
    idleBelowPercent: 10,
    windowMinutes: 2,
    graceMinutes: 1,
    snoozeMinutes: 2,
    maxSnoozes: 1,
  },
};

async function seedIdlePolicy({ keeper, team, policy }) {
  const token = await tokenOf(keeper);
  const { policy: have } = await api(
    token,
    'GET',
    `/policies/${team}`,
    undefined,
    'utilization',
  );
  if (have) return;
  try {
    await api(token, 'PUT', `/policies/${team}`, policy, 'utilization');
    log(`${keeper} set ${team}'s idle policy`);
  } catch (error) {
    log(`no idle policy for ${team}: ${error.message}`);
  }
}

async function main() {
  await seedIdlePolicy(DEMO_IDLE_POLICY);
  for (const team of DEMO_JOBS) await seedTeam(team);
  await seedDeployment(DEMO_DEPLOYMENT);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch(error => {
    log(`error: ${error.message}`);
    process.exit(1);
  });
}
