// Times `mlp train` from process start to the job's Argo Workflow existing on the API server,
// and on to its pod Running on a (simulated) GPU node: Argo's controller created it, the
// scheduler placed it and KWOK started it (all read with the admin kubeconfig, not through the
// portal); and the CLI's start-up. Each job runs 2 s, and the next is sent once it has ended, so
// the team's quota never refuses one.
// Usage (see bench/jobs.sh): node bench/jobs.mjs [SUBMISSIONS]
import * as k8s from '@kubernetes/client-node';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guestToken } from '../e2e/api.mjs';

const base = process.env.BENCH_BACKEND_URL;
const mlpBin = process.env.BENCH_MLP;
const submissions = Number(process.argv[2] ?? 50);
const TEAM = 'nlp-team';
const STARTUP_SAMPLES = 20;

const kc = new k8s.KubeConfig();
kc.loadFromFile(process.env.BENCH_KUBECONFIG);
const custom = kc.makeApiClient(k8s.CustomObjectsApi);
const core = kc.makeApiClient(k8s.CoreV1Api);
const log = message => console.error(`[bench] ${message}`);

const configHome = mkdtempSync(join(tmpdir(), 'mlp-bench-'));
const env = { ...process.env, XDG_CONFIG_HOME: configHome };

/** Runs the CLI; resolves with its output, rejects with its stderr on a non-zero exit. */
function mlp(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(mlpBin, args, { env });
    let out = '';
    let err = '';
    child.stdout.on('data', d => (out += d));
    child.stderr.on('data', d => (err += d));
    child.on('close', code =>
      code === 0 ? resolve(out) : reject(new Error(`mlp ${args[0]}: ${err}`)),
    );
  });
}

async function workflowExists(name) {
  try {
    await custom.getNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: TEAM,
      plural: 'workflows',
      name,
    });
    return true;
  } catch (error) {
    if (error.code === 404) return false;
    throw error;
  }
}

/** The phase of the job's pod, once Argo has made one. */
async function podPhase(id) {
  const pods = await core.listNamespacedPod({
    namespace: TEAM,
    labelSelector: `workflows.argoproj.io/workflow=${id}`,
  });
  return pods.items[0]?.status?.phase;
}

async function until(what, check) {
  const deadline = Date.now() + 120_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 5));
  }
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}
const ms = v => `${v.toFixed(0)} ms`;

// The catalog loads the teams after start: wait until the guest's token names nlp-team.
let token;
for (let tries = 0; ; tries++) {
  const identity = await guestToken(base);
  if (identity.identity.ownershipEntityRefs.includes(`group:default/${TEAM}`)) {
    token = identity.token;
    break;
  }
  if (tries > 120)
    throw new Error(`the guest is not in ${TEAM} after 4 minutes`);
  await new Promise(r => setTimeout(r, 2000));
}
await mlp(['login', '--url', base, '--token', token]);

const startup = [];
for (let i = 0; i < STARTUP_SAMPLES; i++) {
  const t0 = performance.now();
  await mlp(['--help']);
  startup.push(performance.now() - t0);
}

const times = [];
const running = [];
const ids = [];
try {
  for (let i = 0; i < submissions; i++) {
    const t0 = performance.now();
    const out = await mlp([
      'train',
      '--name',
      'bench-job',
      '--team',
      TEAM,
      '--image',
      'ml-training:latest',
      '--script',
      'train.py',
      '--gpu',
      '1',
      '--memory',
      '1Gi',
      '--timeout-hours',
      '1',
      '--simulate-runtime',
      '2s',
    ]);
    const id = /Submitted job (\S+) to/.exec(out)?.[1];
    if (!id) throw new Error(`no job id in: ${out}`);
    ids.push(id);
    await until(`Workflow ${id}`, () => workflowExists(id));
    times.push(performance.now() - t0);
    await until(`the pod of ${id} Running`, async () =>
      ['Running', 'Succeeded'].includes(await podPhase(id)),
    );
    running.push(performance.now() - t0);
    await until(`the pod of ${id} ended`, async () =>
      ['Succeeded', 'Failed'].includes(await podPhase(id)),
    );
  }
} finally {
  log(`cancelling ${ids.length} bench jobs`);
  for (const id of ids) await mlp(['cancel', id]).catch(e => log(String(e)));
  rmSync(configHome, { recursive: true, force: true });
}

console.log(
  `mlp train → Workflow on the API server (${submissions} submissions, sequential):`,
);
console.log(
  `  p50 ${ms(percentile(times, 50))}, p95 ${ms(
    percentile(times, 95),
  )}, max ${ms(Math.max(...times))}`,
);
console.log(
  `mlp train → its pod Running on a GPU node (same submissions; the previous way had no scheduler, nodes or controller, so a job never ran):`,
);
console.log(
  `  p50 ${ms(percentile(running, 50))}, p95 ${ms(
    percentile(running, 95),
  )}, max ${ms(Math.max(...running))}`,
);
console.log(
  `mlp --help start-up (${STARTUP_SAMPLES} runs): p50 ${ms(
    percentile(startup, 50),
  )}, p95 ${ms(percentile(startup, 95))}`,
);
