// The watch against the real kube-apiserver that scripts/services.sh runs, on the real clock. The
// pods really run: the scheduler places them on KWOK's simulated GPU nodes and KWOK starts and
// ends them (services/kube/cluster/kwok-stages.yaml). The test writes no pod status; it checks the
// ledger against the pods' own timestamps.
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { KubeHttp } from '@internal/plugin-mlp-kube-node';
import {
  createSimulatedPod,
  createTestTeam,
  deletePodAndWait,
  deleteTestNamespace,
  localCluster,
  podFinished,
  podStarted,
  podTimes,
  waitForPod,
  waitUntil,
} from '@internal/plugin-mlp-kube-node/testUtils';
import {
  as,
  costServiceOn,
  perSecondRates,
  shownHours,
  TestClock,
} from '../__testUtils__/costService';
import { PodLedgerSync } from './PodLedgerSync';
import { PodWatcher } from './PodWatcher';

jest.setTimeout(120_000);
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
/** A team namespace of its own (its team is its name): other suites run GPU pods meanwhile. */
let ns: string;

beforeAll(async () => {
  ns = await createTestTeam('watch');
});
afterAll(() => deleteTestNamespace(ns));

/** A time as the API server writes it (whole seconds), as the ledger keeps the pod's. */
const iso = (t: Date) => t.toISOString().replace('.000Z', 'Z');
const seconds = (from: Date, to: Date) =>
  (to.getTime() - from.getTime()) / 1000;

it('records starts and ends as they happen, across watches the server ends', async () => {
  const knex = await databases.init('SQLITE_3');
  const clock = new TestClock(new Date());
  clock.now = () => new Date();
  const { store, service } = await costServiceOn(knex, clock);
  const http = new KubeHttp(localCluster());
  const sync = new PodLedgerSync(
    http,
    store,
    perSecondRates,
    mockServices.logger.mock(),
  );
  const lists = jest.spyOn(sync, 'run');
  const watches = jest.spyOn(http, 'watch');
  const watcher = new PodWatcher(http, sync, mockServices.logger.mock(), {
    watchTimeoutSeconds: 1,
  });
  const opened = (uid: string) => async () =>
    (await store.openAllocations()).find(a => a.podUid === uid);
  const endOf = (uid: string) => async () =>
    (
      (await knex('cost_allocation_ends').where({ pod_uid: uid }).first()) as
        | { ended_at: string }
        | undefined
    )?.ended_at;
  watcher.start();
  try {
    // Listed once, before anything is there.
    await waitUntil('the first list', async () =>
      lists.mock.calls.length > 0 ? true : undefined,
    );

    // A 1-GPU training pod that runs for 4 s once its node starts it.
    const train = await createSimulatedPod(ns, {
      name: 'train',
      resources: { 'nvidia.com/gpu': '1' },
      runtime: '4s',
    });
    const uid = train.metadata!.uid!;
    const open = await waitUntil('the start to be recorded', opened(uid));
    const running = await waitForPod(ns, 'train', 'started', podStarted);
    const watchesAtStart = watches.mock.calls.length;
    expect(running.spec!.nodeName).toMatch(/^gpu-/);
    expect(open).toMatchObject({
      team: ns,
      namespace: ns,
      pod: 'train',
      resource: 'nvidia.com/gpu',
      units: 1,
      startedAt: iso(podTimes(running).start),
    });
    // Still running: the start came from the watch, not from the end.
    expect(await endOf(uid)()).toBeUndefined();

    // The server ends a watch every second: the watcher resumes from the last version seen, and a
    // later watch brings KWOK's end of the pod.
    const finished = await waitForPod(ns, 'train', 'finished', podFinished);
    expect(finished.status!.phase).toBe('Succeeded');
    const trainTimes = podTimes(finished);
    expect(seconds(trainTimes.start, trainTimes.end!)).toBeGreaterThanOrEqual(
      4,
    );
    expect(await waitUntil('the end to be recorded', endOf(uid))).toBe(
      iso(trainTimes.end!),
    );
    expect(watches.mock.calls.length).toBeGreaterThanOrEqual(
      watchesAtStart + 2,
    );

    // A pod deleted while it runs (it has no simulated runtime, so it would run on) ends when it
    // is deleted: at its deletionTimestamp, the end of its grace period. KWOK then removes it.
    const notebook = await createSimulatedPod(ns, {
      name: 'notebook',
      resources: { 'nvidia.com/gpu': '1' },
    });
    const uid2 = notebook.metadata!.uid!;
    await waitUntil('the second start', opened(uid2));
    const notebookStart = podTimes(
      await waitForPod(ns, 'notebook', 'started', podStarted),
    ).start;
    const deleted = await deletePodAndWait(ns, 'notebook', 1);
    const deletedAt = new Date(deleted.metadata!.deletionTimestamp!);
    expect(await waitUntil('the second end', endOf(uid2))).toBe(iso(deletedAt));
    expect(await store.openAllocations()).not.toContainEqual(
      expect.objectContaining({ namespace: ns }),
    );

    // Only the watch saw all this: the cluster was listed once.
    expect(lists).toHaveBeenCalledTimes(1);
    expect(watcher.events).toBeGreaterThanOrEqual(4);
    const summary = await service.summary(as.keeper, ns, {
      from: trainTimes.start.toISOString().slice(0, 10),
      to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
    });
    // By hand, from the pods' own times, at 1 EUR per GPU-second: train 1 GPU × its runtime,
    // the notebook 1 GPU from its start to its deletion.
    const gpuSeconds =
      seconds(trainTimes.start, trainTimes.end!) +
      seconds(notebookStart, deletedAt);
    expect(summary.byGpuType).toEqual([
      {
        key: 'nvidia.com/gpu',
        gpuHours: shownHours(gpuSeconds),
        cost: gpuSeconds,
      },
    ]);
  } finally {
    await watcher.stop();
  }
});
