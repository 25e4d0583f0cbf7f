#!/usr/bin/env node
// Waits until every node of the pool is Ready and schedulable: KWOK has initialised it and the
// node-lifecycle controller has taken its not-ready taint off. Prints one line per node.
// Usage: node services/kube/cluster/waitNodes.mjs ADMIN_KUBECONFIG NODE_POOL [SECONDS]
import * as k8s from '@kubernetes/client-node';
import { nodeObjects, readNodePool } from './nodePool.mjs';

const [kubeconfig, pool, seconds = '90'] = process.argv.slice(2);
const kc = new k8s.KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(k8s.CoreV1Api);
const names = nodeObjects(readNodePool(pool)).map(n => n.metadata.name);

const readiness = node => {
  const ready =
    node.status?.conditions?.find(c => c.type === 'Ready')?.status === 'True';
  const notReadyTaint = (node.spec?.taints ?? []).some(t =>
    t.key.startsWith('node.kubernetes.io/'),
  );
  return ready && !notReadyTaint
    ? 'ready'
    : ready
    ? 'ready, taint not yet removed'
    : 'not ready';
};

const deadline = Date.now() + Number(seconds) * 1000;
for (;;) {
  const nodes = new Map(
    (await core.listNode()).items.map(n => [n.metadata.name, n]),
  );
  const states = names.map(name => [
    name,
    nodes.has(name) ? readiness(nodes.get(name)) : 'missing',
  ]);
  const waiting = states.filter(([, s]) => s !== 'ready');
  if (waiting.length === 0) {
    for (const [name] of states) console.log(`node ${name}: ready`);
    break;
  }
  if (Date.now() > deadline) {
    console.error(
      `nodes not ready after ${seconds} s: ${waiting
        .map(([n, s]) => `${n} (${s})`)
        .join(', ')}`,
    );
    process.exit(1);
  }
  await new Promise(r => setTimeout(r, 500));
}
