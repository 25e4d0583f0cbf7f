// Faults of the living local cluster under a running job: Argo's controller and the scheduler
// killed (SIGKILL) and started again: work resumes and the ledger bills each pod once. The killed
// parts are the shared cluster's; each is back within seconds, so other tests only wait a little.
// And a node lost under a job: a GPU node of the test's own (the shared pool is left alone) is
// deleted while the job runs on it; the job fails and the ledger ends its pod at the loss.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  kubeConfig,
  kubeDir,
  repoRoot,
} from '@internal/plugin-mlp-kube-node/testUtils';
import * as k8s from '@kubernetes/client-node';
import {
  core,
  createTeam,
  GPU_RATE,
  jobBase,
  secondsBetween,
  startJobsBackend,
  until,
} from './__testUtils__/jobsBackend';

jest.setTimeout(300_000);

const team = `fault-${randomBytes(3).toString('hex')}`;
let portal: Awaited<ReturnType<typeof startJobsBackend>>;
const base = jobBase(team);
/** The test's own GPU node, deleted under a running job (and in afterAll, should the test fail). */
const lostNode = `lost-gpu-${randomBytes(3).toString('hex')}`;

/**
 * `kube.sh kill|restart DIR PART`; a failure says what kube.sh said. It runs from the repository
 * root: scripts/env.sh asks `npm config get registry`, which npm refuses inside a workspace
 * package (ENOWORKSPACES), and under kube.sh's `set -e` that ended it at once, saying nothing.
 */
function kube(action: 'kill' | 'restart', part: string) {
  try {
    execFileSync(
      'bash',
      [
        join(repoRoot(), 'scripts', 'services', 'kube.sh'),
        action,
        kubeDir(),
        part,
      ],
      {
        cwd: repoRoot(),
        env: { ...process.env },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 120_000,
      },
    );
  } catch (e) {
    const { status, stdout, stderr } = e as {
      status?: number;
      stdout?: string;
      stderr?: string;
    };
    throw new Error(
      `kube.sh ${action} ${part} failed (exit ${status}): ${`${stderr ?? ''}${
        stdout ?? ''
      }`.trim()}`,
    );
  }
}

beforeAll(async () => {
  await createTeam(team, 8, 8);
  portal = await startJobsBackend(team);
});
afterAll(async () => {
  await portal?.backend.stop();
  await core.deleteNode({ name: lostNode }).catch(() => undefined);
  await core.deleteNamespace({ name: team }).catch(() => undefined);
});

it('the workflow controller and the scheduler killed mid-run: work resumes, billed once', async () => {
  const id = await portal.submit({
    ...base,
    name: 'survives',
    project: 'survives',
    gpus: 2,
    simulate: { runtime: '25s' },
  });
  await until('Running', async () =>
    (await portal.read(id)).phase === 'Running' ? true : undefined,
  );
  // What was killed is started again, whatever fails: the cluster is shared.
  const killed: string[] = [];
  const restart = (part: string) => {
    kube('restart', part);
    killed.splice(killed.indexOf(part), 1);
  };
  let second = '';
  let error: unknown;
  try {
    for (const part of ['workflow-controller', 'kube-scheduler']) {
      kube('kill', part);
      killed.push(part);
    }
    // A job sent while both are down waits, and says for whom: first Argo's controller, which
    // makes its pod; once that is back, the scheduler, which places the pod.
    second = await portal.submit({
      ...base,
      name: 'waits-for-scheduler',
      gpus: 1,
      simulate: { runtime: '2s' },
    });
    const waitingFor = (text: string) =>
      until(
        `the second job ${text}`,
        async () => {
          const j = await portal.read(second);
          return j.phase === 'Pending' && j.waitingFor === text ? j : undefined;
        },
        30,
      );
    await waitingFor('waiting for the workflow controller to create its pod');
    restart('workflow-controller');
    const placed = await waitingFor(
      'waiting for the scheduler to place it on a node',
    );
    expect(placed.pods).toHaveLength(1);
  } catch (e) {
    error = e;
  }
  for (const part of [...killed]) {
    try {
      restart(part);
    } catch (e) {
      error ??= e;
    }
  }
  if (error) throw error;
  const done = await until('the first job Succeeded', async () => {
    const j = await portal.read(id);
    return j.phase === 'Succeeded' ? j : undefined;
  });
  expect(done.attempts).toBe(1);
  await until('the second job Succeeded', async () =>
    (await portal.read(second)).phase === 'Succeeded' ? true : undefined,
  );
  // One pod, billed once: 2 GPUs × its runtime × the rate.
  const expected =
    Math.round(2 * (done.runtimeSeconds / 3600) * GPU_RATE * 100) / 100;
  const line = await until('its cost', async () => {
    const l = await portal.costOf('survives');
    return l && Math.abs(l.cost - expected) < 0.005 ? l : undefined;
  });
  expect(line.cost).toBeCloseTo(expected, 2);
  expect(done.runtimeSeconds).toBeGreaterThanOrEqual(25);
  expect(done.runtimeSeconds).toBeLessThanOrEqual(27);
});

/**
 * A GPU node of the test's own, registered as the pool's nodes are (services/kube/cluster/
 * nodePool.mjs): labels, GPU taint and capacity copied from the pool's gpu-a100-0, with its own
 * name and a GPU model no other node has, so that only a job asking for that model lands on it,
 * and room for a single pod, so that nothing else lands there once that job's pod does.
 * KWOK plays the kubelet only of nodes annotated kwok.x-k8s.io/node=fake (scripts/services/kube.sh
 * starts it with --manage-nodes-with-annotation-selector; a label does nothing): without the
 * annotation the node never turns Ready and no pod ever runs on it.
 */
async function createLoneGpuNode(name: string, product: string) {
  const model = await core.readNode({ name: 'gpu-a100-0' });
  const capacity = { ...model.status!.capacity!, pods: '1' };
  await core.createNode({
    body: {
      metadata: {
        name,
        annotations: { 'kwok.x-k8s.io/node': 'fake' },
        labels: {
          ...model.metadata!.labels,
          'kubernetes.io/hostname': name,
          'nvidia.com/gpu.product': product,
          'mlplatform.dev/test-node': 'true',
        },
      },
      // The GPU taint; not the node-lifecycle controller's node.kubernetes.io/ ones.
      spec: {
        taints: (model.spec!.taints ?? []).filter(
          t => !t.key.startsWith('node.kubernetes.io/'),
        ),
      },
      status: { capacity, allocatable: capacity },
    },
  });
  // Ready (KWOK) and schedulable (the node-lifecycle controller took its not-ready taint off).
  await until(
    `node ${name} Ready and schedulable`,
    async () => {
      const node = await core.readNode({ name });
      const ready = node.status?.conditions?.some(
        c => c.type === 'Ready' && c.status === 'True',
      );
      const notReady = (node.spec?.taints ?? []).some(t =>
        t.key.startsWith('node.kubernetes.io/'),
      );
      return ready && !notReady ? node : undefined;
    },
    60,
  );
}

/** The time of each pod's DisruptionTarget condition (pod GC's), as a watch saw it. */
async function watchDisruptions(namespace: string) {
  const seen = new Map<string, { at: string; reason?: string }>();
  const abort = await new k8s.Watch(kubeConfig('admin')).watch(
    `/api/v1/namespaces/${namespace}/pods`,
    {},
    (_type, pod: k8s.V1Pod) => {
      const c = pod.status?.conditions?.find(
        x => x.type === 'DisruptionTarget' && x.status === 'True',
      );
      if (c?.lastTransitionTime) {
        seen.set(pod.metadata!.name!, {
          at: new Date(c.lastTransitionTime).toISOString(),
          reason: c.reason,
        });
      }
    },
    () => undefined,
  );
  return { seen, stop: () => abort.abort() };
}

it('a node is deleted while a job runs: the job fails and its ledger row ends at the loss', async () => {
  const product = `LOST-GPU-${randomBytes(3).toString('hex')}`;
  const gpus = 4;
  // Sent first: its pod waits for a node with that model, and takes the node as soon as it is
  // Ready, before anything else could.
  const id = await portal.submit({
    ...base,
    name: 'node-lost',
    project: 'node-lost',
    gpus,
    gpuProduct: product,
    simulate: { runtime: '30m' },
  });
  await createLoneGpuNode(lostNode, product);
  const running = await until(
    `Running on ${lostNode}`,
    async () => {
      const j = await portal.read(id);
      return j.phase === 'Running' && j.node === lostNode ? j : undefined;
    },
    60,
  );
  const [pod] = running.pods as string[];
  // A few seconds of work to lose.
  await new Promise(r => setTimeout(r, 3000));
  const disruptions = await watchDisruptions(team);
  let deletedAt: Date;
  let failedSeenAt: Date;
  let failed: Awaited<ReturnType<typeof portal.read>>;
  try {
    deletedAt = new Date();
    await core.deleteNode({ name: lostNode });
    // Nothing reports on a deleted node's pods: pod GC fails them (DisruptionTarget
    // DeletionByPodGC) and deletes them once the node has stayed gone for its 40 s quarantine,
    // checking every 20 s; then Argo fails the job.
    failed = await until(
      'the job Failed after its node was deleted',
      async () => {
        const j = await portal.read(id);
        return j.phase === 'Failed' || j.phase === 'Error' ? j : undefined;
      },
      150,
    );
    failedSeenAt = new Date();
    await until(
      "pod GC's DisruptionTarget on the pod",
      async () => disruptions.seen.get(pod),
      10,
    );
  } finally {
    disruptions.stop();
  }
  // Argo calls it an Error ("pod deleted": the cluster, not the job, ended it), or Failed when it
  // saw pod GC's Failed status before the pod went. Not retried: there is no other node of its
  // model.
  expect(['Error', 'Failed']).toContain(failed.phase);
  expect(failed.message).toBeTruthy();
  expect(failed).toMatchObject({ attempts: 1, node: lostNode });
  expect(failed.finishedAt).toBeDefined();
  const disruption = disruptions.seen.get(pod)!;
  expect(disruption.reason).toBe('DeletionByPodGC');
  // The loss as the cluster records it: after the deletion (timestamps have whole seconds), by the
  // time the job showed Failed.
  expect(secondsBetween(deletedAt, disruption.at)).toBeGreaterThanOrEqual(-1);
  expect(secondsBetween(disruption.at, failedSeenAt)).toBeGreaterThanOrEqual(0);

  // The ledger's row for the pod ends there: 4 GPUs × (loss − start) × the rate. gpuHours has
  // three decimals, so with 4 GPUs its end is known to about a second.
  const heldFor = secondsBetween(running.startedAt, disruption.at);
  const ledgerEnd = (l: { gpuHours: number }) =>
    new Date(
      new Date(running.startedAt).getTime() + (l.gpuHours / gpus) * 3_600_000,
    );
  const line = await until('the ledger row ended at the loss', async () => {
    const l = await portal.costOf('node-lost');
    return l && Math.abs(secondsBetween(disruption.at, ledgerEnd(l))) <= 1.5
      ? l
      : undefined;
  });
  expect(line.cost).toBeCloseTo(
    Math.round(gpus * (heldFor / 3600) * GPU_RATE * 100) / 100,
    2,
  );
  // Ended, not still counting: a little later it is the same.
  await new Promise(r => setTimeout(r, 3000));
  expect((await portal.costOf('node-lost'))?.gpuHours).toBe(line.gpuHours);
  // The pod is gone from the cluster with its node.
  await until(
    'the pod gone',
    async () =>
      (
        await core.listNamespacedPod({
          namespace: team,
          labelSelector: `workflows.argoproj.io/workflow=${id}`,
        })
      ).items.length === 0
        ? true
        : undefined,
    30,
  );
});
