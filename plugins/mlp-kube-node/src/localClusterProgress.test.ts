import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterStartingError, KubeUnreachableError } from './errors';
import { KubeHttp } from './KubeHttp';
import {
  localClusterWait,
  readLocalClusterProgress,
  type LocalClusterProgress,
} from './localClusterProgress';

const NOW = 1_800_000_000_000;
const building: LocalClusterProgress = {
  state: 'building',
  step: 2,
  steps: 5,
  part: 'kube-apiserver, kube-controller-manager and kube-scheduler',
  since: NOW / 1000 - 60,
  seconds: 330,
  laterSeconds: 185,
  log: '/repo/data/services/kube/build.log',
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'progress-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the local cluster progress', () => {
  it('says the step, what it builds and the time left: this step and the ones after it', () => {
    expect(localClusterWait(building, NOW)).toBe(
      'the local cluster is still being built (step 2 of 5: kube-apiserver, kube-controller-manager and kube-scheduler; about 8 min left). This fills in once it is up; progress: /repo/data/services/kube/build.log',
    );
    // 270 s of this step + 185 s later = 455 s.
  });

  it('counts seconds near the end, and says when a step takes longer than expected', () => {
    const starting = {
      ...building,
      state: 'starting' as const,
      step: 5,
      part: 'starting etcd',
      seconds: 25,
      laterSeconds: 0,
      since: NOW / 1000 - 5,
    };
    expect(localClusterWait(starting, NOW)).toMatch(
      /^the local cluster is starting \(step 5 of 5: starting etcd; about 20 s left\)/,
    );
    const late = { ...building, since: NOW / 1000 - 600 };
    expect(localClusterWait(late, NOW)).toMatch(
      /this step takes longer than expected, 10 min so far, then about 3 min more\)/,
    );
  });

  it('is no wait once the cluster is up or its start failed', () => {
    expect(localClusterWait({ ...building, state: 'up' }, NOW)).toBeUndefined();
    expect(
      localClusterWait({ ...building, state: 'failed' }, NOW),
    ).toBeUndefined();
  });

  it('reads the file kube.sh writes, and nothing from a missing or foreign file', () => {
    const file = join(dir, 'progress.json');
    expect(readLocalClusterProgress(file)).toBeUndefined();
    writeFileSync(file, '{"state":"building"');
    expect(readLocalClusterProgress(file)).toBeUndefined();
    writeFileSync(file, JSON.stringify({ ...building, state: 'dancing' }));
    expect(readLocalClusterProgress(file)).toBeUndefined();
    writeFileSync(file, `${JSON.stringify(building)}\n`);
    expect(readLocalClusterProgress(file)).toEqual(building);
  });
});

describe('KubeHttp while the local cluster is not up', () => {
  // A port nothing listens on: taken, then freed.
  async function closedPort() {
    const server = createServer();
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    await new Promise(r => server.close(r));
    return port;
  }
  async function httpWith(progress: object | undefined) {
    const progressFile = join(dir, 'progress.json');
    if (progress) writeFileSync(progressFile, JSON.stringify(progress));
    return new KubeHttp({
      name: 'mlp',
      url: `https://127.0.0.1:${await closedPort()}`,
      serviceAccountToken: 't',
      skipTLSVerify: true,
      progressFile,
    });
  }
  /** The error listing nodes fails with (it must fail: nothing listens). */
  const failure = (http: KubeHttp): Promise<Error> =>
    http
      .request({ method: 'GET', path: '/api/v1/nodes', what: 'list nodes' })
      .then(
        () => new Error('the request did not fail'),
        (e: Error) => e,
      );

  it('answers ClusterStartingError with the step while it is built', async () => {
    const http = await httpWith({ ...building, since: Date.now() / 1000 });
    const error = await failure(http);
    expect(error).toBeInstanceOf(ClusterStartingError);
    expect(error.name).toBe('ClusterStartingError');
    expect(error.message).toMatch(
      /^Could not list nodes: the local cluster is still being built \(step 2 of 5: kube-apiserver/,
    );
  });

  it('names the failure and its log when the start failed', async () => {
    const http = await httpWith({
      ...building,
      state: 'failed',
      message: 'kube: etcd exited on start; see etcd.log',
    });
    const error = await failure(http);
    expect(error).toBeInstanceOf(KubeUnreachableError);
    expect(error).not.toBeInstanceOf(ClusterStartingError);
    expect(error.message).toBe(
      'Could not list nodes: the local cluster did not start: kube: etcd exited on start; see etcd.log (logs: /repo/data/services/kube/build.log). Fix it, then run ./scripts/services.sh up kube',
    );
  });

  it('is a plain unreachable server once the cluster was up, or without a progress file', async () => {
    for (const progress of [{ ...building, state: 'up' }, undefined]) {
      const error = await failure(await httpWith(progress));
      expect(error).toBeInstanceOf(KubeUnreachableError);
      expect(error).not.toBeInstanceOf(ClusterStartingError);
      expect(error.message).toMatch(/did not answer \(ECONNREFUSED\)/);
    }
  });
});
