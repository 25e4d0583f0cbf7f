// Scheduling throughput on the local cluster: 500 pending GPU pods (1 nvidia.com/gpu each) on a
// node pool grown for the run to 63 bench nodes of 8 GPUs (KWOK plays them, as it plays the
// repository's pool); how long until the scheduler has bound them all, and until KWOK runs them.
// Pods, their namespace and the bench nodes are removed afterwards. Prints figures; not a test.
// Usage (see bench/scheduling.sh): node bench/scheduling.mjs ADMIN_KUBECONFIG [PODS]
import * as k8s from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import {
  GPU_TAINT,
  nodeObjects,
  parseNodePool,
} from '../services/kube/cluster/nodePool.mjs';

const kc = new k8s.KubeConfig();
kc.loadFromFile(process.argv[2]);
const core = kc.makeApiClient(k8s.CoreV1Api);
const PODS = Number(process.argv[3] ?? 500);
const NODES = Math.ceil(PODS / 8);
const ns = `bench-sched-${randomBytes(3).toString('hex')}`;
// Registered as the pool's nodes are (nodePool.mjs: labels, GPU taint, capacity, KWOK's
// annotation), from an entry of the pool file's own form; their GPU model is one of their own, so
// that no job asking for a real model lands on them.
const benchNodes = nodeObjects(
  parseNodePool(
    JSON.stringify({
      nodes: [
        {
          name: 'bench-gpu',
          count: NODES,
          gpu: {
            resource: 'nvidia.com/gpu',
            count: 8,
            product: 'BENCH-GPU',
            memoryMiB: 81920,
          },
          cpu: 64,
          memory: '512Gi',
        },
      ],
    }),
    'bench nodes',
  ),
).map(node => ({
  ...node,
  metadata: {
    ...node.metadata,
    labels: { ...node.metadata.labels, 'mlplatform.dev/bench': 'true' },
  },
}));
const nodeNames = benchNodes.map(node => node.metadata.name);
const log = m => console.error(`[bench] ${m}`);
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function counts() {
  const list = await core.listNamespacedPod({ namespace: ns });
  return {
    bound: list.items.filter(p => p.spec?.nodeName).length,
    running: list.items.filter(p => p.status?.phase === 'Running').length,
  };
}

try {
  log(`registering ${NODES} bench GPU nodes`);
  for (const body of benchNodes) await core.createNode({ body });
  for (;;) {
    const nodes = await core.listNode({
      labelSelector: 'mlplatform.dev/bench=true',
    });
    const ready = nodes.items.filter(
      n =>
        n.status?.conditions?.some(
          c => c.type === 'Ready' && c.status === 'True',
        ) &&
        !(n.spec?.taints ?? []).some(t =>
          t.key.startsWith('node.kubernetes.io/'),
        ),
    ).length;
    if (ready === NODES) break;
    await sleep(500);
  }
  await core.createNamespace({ body: { metadata: { name: ns } } });
  log(`creating ${PODS} pods`);
  const t0 = performance.now();
  const batch = 25;
  for (let i = 0; i < PODS; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, PODS - i) }, (_, j) =>
        core.createNamespacedPod({
          namespace: ns,
          body: {
            metadata: { name: `p-${i + j}` },
            spec: {
              // Only the bench nodes: the repository's pool stays for whatever else runs.
              nodeSelector: { 'mlplatform.dev/bench': 'true' },
              // The GPU nodes' taint, tolerated as the portal's jobs do.
              tolerations: [
                {
                  key: GPU_TAINT.key,
                  operator: 'Exists',
                  effect: GPU_TAINT.effect,
                },
              ],
              containers: [
                {
                  name: 'main',
                  image: 'bench',
                  resources: {
                    requests: { 'nvidia.com/gpu': '1' },
                    limits: { 'nvidia.com/gpu': '1' },
                  },
                },
              ],
            },
          },
        }),
      ),
    );
  }
  const created = performance.now() - t0;
  let bound;
  for (;;) {
    const c = await counts();
    if (!bound && c.bound === PODS) bound = performance.now() - t0;
    if (c.running === PODS) break;
    if (performance.now() - t0 > 600_000)
      throw new Error(`after 10 min: ${JSON.stringify(c)}`);
    await sleep(200);
  }
  const running = performance.now() - t0;
  const s = v => `${(v / 1000).toFixed(1)} s`;
  console.log(`${PODS} GPU pods on ${NODES} simulated 8-GPU nodes:`);
  console.log(
    `  created in ${s(created)}; all bound by the scheduler after ${s(
      bound,
    )} (${(PODS / (bound / 1000)).toFixed(0)} pods/s)`,
  );
  console.log(`  all Running (KWOK) after ${s(running)}`);
  console.log(
    '  (the previous way: no scheduler and no nodes, so none was ever bound)',
  );
} finally {
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
  for (const name of nodeNames)
    await core.deleteNode({ name }).catch(() => undefined);
}
