// Times GET /api/gpu-quota/teams/:team with 100 teams in the cluster, and counts the list calls
// that reach the kube-apiserver from the API server's own metrics (apiserver_request_total), not
// from the portal (see bench/gpu-quota.sh). Usage: node bench/gpu-quota.mjs [REQUESTS]
import * as k8s from '@kubernetes/client-node';
import https from 'node:https';
import { eventually, guestToken } from '../e2e/api.mjs';

const base = process.env.BENCH_BACKEND_URL;
const requests = Number(process.argv[2] ?? 1000);
const CLIENTS = 10;
const COLD_SAMPLES = 3;
const TEAM_LABEL = 'mlplatform.dev/team';
const QUOTA_KEY = 'requests.nvidia.com/gpu';
const RESOURCES = ['resourcequotas', 'limitranges', 'pods'];
const TEAMS = Array.from(
  { length: 100 },
  (_, i) => `bench-team-${String(i).padStart(3, '0')}`,
);
// A pending training pod in every fifth team, asking for 1 to 4 GPUs.
const PODS = TEAMS.filter((_, i) => i % 5 === 0).map((team, i) => ({
  team,
  gpus: 1 + (i % 4),
}));

const kc = new k8s.KubeConfig();
kc.loadFromFile(process.env.BENCH_KUBECONFIG);
const core = kc.makeApiClient(k8s.CoreV1Api);

/** Set once clean-up starts: creation stops. */
let stopping = false;

const sleep = ms => new Promise(r => setTimeout(r, ms));
const log = message => console.error(`[bench] ${message}`);
const seconds = ms => `${(ms / 1000).toFixed(1)} s`;

/** The call's answer, or undefined when the API server answers with one of `codes`. */
async function unless(codes, call) {
  try {
    return await call();
  } catch (error) {
    if (codes.includes(error?.code)) return undefined;
    throw error;
  }
}

/** Runs `fn` over the items, at most `limit` at a time. */
async function pool(items, limit, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function until(what, seconds, check) {
  if (
    !(await eventually(check, { timeoutMs: seconds * 1000, intervalMs: 500 }))
  )
    throw new Error(`timed out after ${seconds} s waiting for ${what}`);
}

async function benchNamespaces() {
  const { items } = await core.listNamespace();
  return items.filter(ns => TEAMS.includes(ns.metadata.name));
}

async function createTeams() {
  // A namespace of an interrupted earlier run may still be terminating: nothing can go in there.
  await until('the namespaces of an earlier run to be deleted', 180, async () =>
    (await benchNamespaces()).every(ns => ns.status?.phase !== 'Terminating'),
  );
  await pool(TEAMS, 10, async team => {
    if (stopping) throw new Error('interrupted');
    const labels = { [TEAM_LABEL]: team };
    await unless([409], () =>
      core.createNamespace({ body: { metadata: { name: team, labels } } }),
    );
    await unless([409], () =>
      core.createNamespacedResourceQuota({
        namespace: team,
        body: {
          metadata: { name: 'gpu-quota', labels },
          spec: { hard: { [QUOTA_KEY]: '8' } },
        },
      }),
    );
  });
  // Pods only once the quota controller has filled in every new quota's status: admission refuses
  // them before (403), and a pod admitted while the controller is still at its first pass over a
  // quota can be counted out of `used` again (the controller's pod cache lags behind).
  await until('the quota controller to fill in the quotas', 60, async () =>
    quotasMatch(() => undefined),
  );
  await sleep(2000);
  await pool(PODS, 10, async ({ team, gpus }) => {
    if (stopping) throw new Error('interrupted');
    const resources = {
      requests: { 'nvidia.com/gpu': String(gpus) },
      limits: { 'nvidia.com/gpu': String(gpus) },
    };
    const body = {
      metadata: { name: 'bench-train', namespace: team },
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'train', image: 'ml-training:latest', resources }],
      },
    };
    // 403 while the service account controller has not made the namespace's default account.
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await unless([409], () =>
          core.createNamespacedPod({ namespace: team, body }),
        );
        return;
      } catch (error) {
        if (error?.code !== 403 || Date.now() > deadline) throw error;
        await sleep(250);
      }
    }
  });
  await until("the quotas to count the pods' GPUs as used", 30, () =>
    quotasMatch(team => String(PODS.find(p => p.team === team)?.gpus ?? 0)),
  );
}

/** Whether every bench quota's status has 8 GPUs, and `usedOf(team)` used when that is given. */
async function quotasMatch(usedOf) {
  const { items } = await core.listResourceQuotaForAllNamespaces({
    labelSelector: TEAM_LABEL,
  });
  const ours = items.filter(q => TEAMS.includes(q.metadata.namespace));
  return (
    ours.length === TEAMS.length &&
    ours.every(
      q =>
        q.status?.hard?.[QUOTA_KEY] === '8' &&
        [undefined, q.status?.used?.[QUOTA_KEY]].includes(
          usedOf(q.metadata.namespace),
        ),
    )
  );
}

/**
 * Deletes the bench namespaces, again for any that a creation still under way when this started
 * made after all, and waits until they are gone.
 */
async function deleteTeams() {
  stopping = true;
  const start = performance.now();
  for (;;) {
    const left = await benchNamespaces();
    if (left.length === 0) {
      log(`bench namespaces deleted in ${seconds(performance.now() - start)}`);
      return;
    }
    if (performance.now() - start > 180_000) {
      log(
        `${left.length} bench-team-* namespaces still terminating after 180 s`,
      );
      return;
    }
    await pool(
      left.filter(ns => !ns.metadata.deletionTimestamp),
      10,
      ns =>
        unless([404], () => core.deleteNamespace({ name: ns.metadata.name })),
    );
    await sleep(1000);
  }
}

/** The API server's request counters: [{ labels, value }] of apiserver_request_total. */
async function apiserverRequests() {
  const url = new URL('/metrics', kc.getCurrentCluster().server);
  const options = {
    hostname: url.hostname,
    port: url.port,
    path: url.pathname,
    headers: {},
  };
  await kc.applyToHTTPSOptions(options);
  const text = await new Promise((resolve, reject) => {
    https
      .get(options, res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (body += chunk));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(body)
            : reject(new Error(`GET /metrics: HTTP ${res.statusCode} ${body}`)),
        );
      })
      .on('error', reject);
  });
  const counters = [];
  for (const line of text.split('\n')) {
    const match = /^apiserver_request_total\{(.*)\} (\S+)$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries(
      [...match[1].matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v]),
    );
    counters.push({ labels, value: Number(match[2]) });
  }
  return { at: performance.now(), counters };
}

/** API server requests between two readings of its metrics. */
function callsBetween(before, after) {
  const delta = test => {
    const sum = reading =>
      reading.counters
        .filter(c => test(c.labels))
        .reduce((total, c) => total + c.value, 0);
    return sum(after) - sum(before);
  };
  // What the portal sends: LIST at cluster scope of the three resources.
  const list = resource => l =>
    l.verb === 'LIST' && l.scope === 'cluster' && l.resource === resource;
  const lists = Object.fromEntries(RESOURCES.map(r => [r, delta(list(r))]));
  const total = RESOURCES.reduce((sum, r) => sum + lists[r], 0);
  return { ...lists, total, other: delta(() => true) - total };
}

function addCalls(a, b) {
  return Object.fromEntries(Object.keys(a).map(k => [k, a[k] + b[k]]));
}

let token;
let latestFetch = 0;
const fetchedAts = new Set();

async function getTeam(team) {
  const start = performance.now();
  const res = await fetch(`${base}/api/gpu-quota/teams/${team}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = await res.json();
  const ms = performance.now() - start;
  if (res.status !== 200 || body.status !== 'ok' || body.quota.team !== team) {
    throw new Error(
      `GET /api/gpu-quota/teams/${team}: HTTP ${res.status} ${JSON.stringify(
        body,
      ).slice(0, 500)}`,
    );
  }
  fetchedAts.add(body.fetchedAt);
  latestFetch = Math.max(latestFetch, Date.parse(body.fetchedAt));
  return { ms, body };
}

const randomTeam = () => TEAMS[Math.floor(Math.random() * TEAMS.length)];

async function measure(clients) {
  const latencies = [];
  let left = requests;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (left > 0) {
        left -= 1;
        latencies.push((await getTeam(randomTeam())).ms);
      }
    }),
  );
  return { latencies, wallMs: performance.now() - start };
}

/** Checks the overview: every bench team with 8 GPUs, and the pods' GPUs as used. */
async function checkOverview() {
  const res = await fetch(`${base}/api/gpu-quota/teams`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const overview = await res.json();
  if (overview.status !== 'ok')
    throw new Error(`GET /api/gpu-quota/teams: ${JSON.stringify(overview)}`);
  for (const team of TEAMS) {
    const quota = overview.teams.find(t => t.team === team);
    const gpus = PODS.find(p => p.team === team)?.gpus ?? 0;
    const gpu = quota?.resources.find(r => r.resource === 'nvidia.com/gpu');
    if (!gpu || gpu.hard !== 8 || gpu.used !== gpus)
      throw new Error(
        `team ${team}: expected 8 GPUs, ${gpus} used; the portal says ${JSON.stringify(
          quota,
        )}`,
      );
  }
  return overview;
}

function percentile(sorted, p) {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  log('creating 100 team namespaces with quotas, and GPU pods');
  const setupStart = performance.now();
  await createTeams();
  const setupMs = performance.now() - setupStart;

  const identity = await eventually(
    () => guestToken(base).catch(() => undefined),
    { timeoutMs: 180_000, intervalMs: 1_000 },
  );
  if (!identity) throw new Error('guest sign-in did not succeed in 180 s');
  token = identity.token;

  // Measured phase: from the request that fills the cache to the end of both cached runs.
  log(
    `measuring ${requests} sequential requests, then ${requests} from ${CLIENTS} clients`,
  );
  const hotBefore = await apiserverRequests();
  const warm = await getTeam(TEAMS[0]);
  const maxAgeMs = warm.body.maxAgeSeconds * 1000;
  const overview = await checkOverview();
  const sequential = await measure(1);
  const concurrent = await measure(CLIENTS);
  const hotAfter = await apiserverRequests();
  const hotReads = fetchedAts.size;
  const hotMs = hotAfter.at - hotBefore.at;

  // Cache misses: wait until the snapshot is older than the max age, then one request.
  const cold = [];
  let idle = { ...callsBetween(hotAfter, hotAfter) };
  let idleMs = 0;
  let coldCalls = { ...idle };
  let previous = hotAfter;
  for (let i = 0; i < COLD_SAMPLES; i++) {
    log(
      `cold request ${i + 1}/${COLD_SAMPLES}: waiting for the cache to expire`,
    );
    await sleep(Math.max(0, latestFetch + maxAgeMs + 1000 - Date.now()));
    const before = await apiserverRequests();
    const readBefore = latestFetch;
    const { ms } = await getTeam(randomTeam());
    if (latestFetch <= readBefore)
      throw new Error('the request after the max age was answered from cache');
    cold.push(ms);
    const after = await apiserverRequests();
    idle = addCalls(idle, callsBetween(previous, before));
    idleMs += before.at - previous.at;
    coldCalls = addCalls(coldCalls, callsBetween(before, after));
    previous = after;
  }

  const hot = callsBetween(hotBefore, hotAfter);
  const expectedHot = 3 * Math.ceil(hotMs / maxAgeMs);
  const others = overview.teams.length - TEAMS.length;
  const row = (label, values) =>
    console.log(
      `${label.padEnd(38)}${values.map(v => String(v).padStart(10)).join('')}`,
    );
  const ms = v => v.toFixed(1);

  console.log('');
  console.log(
    `GPU quota backend, GET /api/gpu-quota/teams/:team over ${TEAMS.length} bench teams (+${others} other teams in the cluster), ${PODS.length} pending GPU pods`,
  );
  console.log(
    `cache max age ${
      maxAgeMs / 1000
    } s (gpuQuota.cacheMaxAgeSeconds); set-up of the teams took ${seconds(
      setupMs,
    )}`,
  );
  console.log('');
  row('latency, ms', ['requests', 'p50', 'p95', 'p99', 'max', 'req/s']);
  for (const [label, run] of [
    ['cached, sequential', sequential],
    [`cached, ${CLIENTS} concurrent clients`, concurrent],
  ]) {
    const sorted = [...run.latencies].sort((a, b) => a - b);
    row(label, [
      sorted.length,
      ms(percentile(sorted, 50)),
      ms(percentile(sorted, 95)),
      ms(percentile(sorted, 99)),
      ms(sorted[sorted.length - 1]),
      Math.round(sorted.length / (run.wallMs / 1000)),
    ]);
  }
  const coldSorted = [...cold].sort((a, b) => a - b);
  row('cold (first request after expiry)', [
    cold.length,
    ms(percentile(coldSorted, 50)),
    '',
    '',
    ms(coldSorted[coldSorted.length - 1]),
    '',
  ]);
  console.log(`  cold samples, ms: ${cold.map(ms).join(', ')}`);
  console.log('');
  console.log(
    'kube-apiserver requests (its apiserver_request_total; LIST at cluster scope = what the portal sends)',
  );
  row('window', [
    'duration',
    'quotas',
    'limitrng',
    'pods',
    'total',
    'expected',
    'other',
  ]);
  row(`warm-up + ${2 * requests} cached requests`, [
    seconds(hotMs),
    hot.resourcequotas,
    hot.limitranges,
    hot.pods,
    hot.total,
    expectedHot,
    hot.other,
  ]);
  row('idle (waiting for expiry, no requests)', [
    seconds(idleMs),
    idle.resourcequotas,
    idle.limitranges,
    idle.pods,
    idle.total,
    0,
    idle.other,
  ]);
  row(`${COLD_SAMPLES} cold requests`, [
    '',
    coldCalls.resourcequotas,
    coldCalls.limitranges,
    coldCalls.pods,
    coldCalls.total,
    3 * COLD_SAMPLES,
    coldCalls.other,
  ]);
  console.log(
    `  expected = 3 list calls per cache read: 3 × ceil(${seconds(hotMs)} / ${
      maxAgeMs / 1000
    } s) = ${expectedHot} for the measured phase; the answers there came from ${hotReads} cache read(s) (distinct fetchedAt)`,
  );
  console.log(
    '  other = every other request the API server counted in the window: controllers (watches, leases, discovery) and any other client; reading /metrics is not counted',
  );
}

let cleaning;
const cleanup = () => (cleaning ??= deleteTeams());
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    log(`${signal}: deleting the bench namespaces`);
    cleanup().finally(() => process.exit(130));
  });
}
try {
  await main();
} finally {
  log('deleting the bench namespaces');
  await cleanup();
}
