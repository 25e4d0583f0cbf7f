// The watch against the real kube-apiserver that scripts/services.sh runs, on the real clock.
// There are no nodes, so the test plays the kubelet through the status subresource.
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { KubeHttp } from '@internal/plugin-mlp-kube-node';
import {
  kubeConfig,
  localCluster,
} from '@internal/plugin-mlp-kube-node/testUtils';
import * as k8s from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import {
  as,
  costServiceOn,
  rates,
  TestClock,
} from '../__testUtils__/costService';
import { PodLedgerSync } from './PodLedgerSync';
import { PodWatcher } from './PodWatcher';

jest.setTimeout(120_000);
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const core = kubeConfig('admin').makeApiClient(k8s.CoreV1Api);
const ns = `watch-${randomBytes(3).toString('hex')}`;
// A team of its own: other suites run GPU pods in namespaces of the usual teams meanwhile.
const team = ns;
const mergePatch = k8s.setHeaderOptions(
  'Content-Type',
  k8s.PatchStrategy.MergePatch,
);

async function createPod(name: string) {
  const gpus = { 'nvidia.com/gpu': '1' };
  const pod = await core.createNamespacedPod({
    namespace: ns,
    body: {
      metadata: { name },
      spec: {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'train',
            image: 'ml-training:latest',
            resources: { requests: gpus, limits: gpus },
          },
        ],
      },
    },
  });
  return pod.metadata!.uid!;
}

async function setStatus(name: string, status: object) {
  await core.patchNamespacedPodStatus(
    { name, namespace: ns, body: { status } },
    mergePatch,
  );
}

async function until<T>(what: string, check: () => Promise<T | undefined>) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  await core.createNamespace({
    body: { metadata: { name: ns, labels: { 'mlplatform.dev/team': team } } },
  });
});
afterAll(async () => {
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
});

it('records starts and ends as they happen, across watches the server ends', async () => {
  const knex = await databases.init('SQLITE_3');
  const clock = new TestClock(new Date());
  clock.now = () => new Date();
  const { store, service } = await costServiceOn(knex, clock);
  const http = new KubeHttp(localCluster());
  const sync = new PodLedgerSync(
    http,
    store,
    rates,
    mockServices.logger.mock(),
  );
  const lists = jest.spyOn(sync, 'run');
  const watcher = new PodWatcher(http, sync, mockServices.logger.mock(), {
    watchTimeoutSeconds: 1,
  });
  watcher.start();
  try {
    // Listed once, before anything is there.
    await until('the first list', async () =>
      lists.mock.calls.length > 0 ? true : undefined,
    );
    // Kubernetes keeps whole seconds.
    const started = new Date(Math.floor(Date.now() / 1000 - 3600) * 1000);
    const uid = await createPod('train');
    await setStatus('train', {
      phase: 'Running',
      startTime: started.toISOString(),
    });
    const open = await until('the start to be recorded', async () =>
      (await store.openAllocations()).find(a => a.podUid === uid),
    );
    expect(open).toMatchObject({
      team,
      resource: 'nvidia.com/gpu',
      units: 1,
      startedAt: started.toISOString().replace('.000Z', 'Z'),
    });
    // The server ends a watch every second: the watcher resumes from the last version.
    await new Promise(r => setTimeout(r, 2500));
    const finished = new Date(started.getTime() + 30 * 60_000);
    await setStatus('train', {
      phase: 'Succeeded',
      containerStatuses: [
        {
          name: 'train',
          image: 'ml-training:latest',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: {
            terminated: {
              exitCode: 0,
              startedAt: started.toISOString(),
              finishedAt: finished.toISOString(),
            },
          },
        },
      ],
    });
    await until('the end to be recorded', async () =>
      (await store.openAllocations()).some(a => a.podUid === uid)
        ? undefined
        : true,
    );
    // A pod deleted while it runs ends when it is deleted.
    const uid2 = await createPod('notebook');
    await setStatus('notebook', {
      phase: 'Running',
      startTime: new Date().toISOString(),
    });
    await until('the second start', async () =>
      (await store.openAllocations()).some(a => a.podUid === uid2)
        ? true
        : undefined,
    );
    await core.deleteNamespacedPod({
      name: 'notebook',
      namespace: ns,
      gracePeriodSeconds: 0,
    });
    await until('the second end', async () =>
      (await store.openAllocations()).some(a => a.podUid === uid2)
        ? undefined
        : true,
    );

    // Only the watch saw all this: the cluster was listed once.
    expect(lists).toHaveBeenCalledTimes(1);
    expect(watcher.events).toBeGreaterThanOrEqual(4);
    const summary = await service.summary(as.keeper, team, {
      from: started.toISOString().slice(0, 10),
      to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
    });
    // train: 1 GPU × 0.5 h × 2.50 = 1.25; the notebook ran for well under a minute.
    expect(summary.byGpuType[0].cost).toBeGreaterThanOrEqual(1.25);
    expect(summary.byGpuType[0].cost).toBeLessThan(1.3);
  } finally {
    await watcher.stop();
  }
});
