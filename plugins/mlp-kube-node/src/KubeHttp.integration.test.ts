// KubeHttp's watch against the real kube-apiserver that scripts/services.sh runs.
import * as k8s from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { KubeApiError, KubeUnreachableError } from './errors';
import { KubeHttp, WatchEvent } from './KubeHttp';
import { kubeConfig, localCluster } from './testUtils';

jest.setTimeout(60_000);
const core = kubeConfig('admin').makeApiClient(k8s.CoreV1Api);
const ns = `watch-${randomBytes(3).toString('hex')}`;

beforeAll(async () => {
  await core.createNamespace({ body: { metadata: { name: ns } } });
});
afterAll(async () => {
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
});

describe('KubeHttp.watch', () => {
  it('delivers events in order and ends when the server ends the watch', async () => {
    const http = new KubeHttp(localCluster());
    const list = await http.request<{ metadata: { resourceVersion: string } }>({
      method: 'GET',
      path: `/api/v1/namespaces/${ns}/configmaps`,
      what: 'list config maps',
    });
    const events: string[] = [];
    const watching = http.watch<{ metadata: { name: string } }>(
      {
        path: `/api/v1/namespaces/${ns}/configmaps?resourceVersion=${
          list!.metadata.resourceVersion
        }&timeoutSeconds=3`,
        what: 'watch config maps',
      },
      (e: WatchEvent<{ metadata: { name: string } }>) => {
        if (e.type !== 'BOOKMARK')
          events.push(`${e.type} ${e.object.metadata.name}`);
      },
    );
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'a' } },
    });
    await core.deleteNamespacedConfigMap({ name: 'a', namespace: ns });
    await watching;
    expect(events).toEqual(['ADDED a', 'DELETED a']);
  });

  it('takes a silent connection for dead after its idle timeout', async () => {
    const http = new KubeHttp(localCluster());
    const started = Date.now();
    await expect(
      http.watch(
        {
          path: `/api/v1/namespaces/${ns}/secrets?timeoutSeconds=60`,
          what: 'watch secrets',
          idleTimeoutMs: 1500,
        },
        () => {},
      ),
    ).rejects.toThrow(KubeUnreachableError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('throws the API server refusal of a watch as a typed error', async () => {
    const http = new KubeHttp(localCluster());
    // Whether a small version is still in the API server's window depends on the cluster's age;
    // a version that is not one is refused every time.
    const error = await http
      .watch(
        {
          path: `/api/v1/namespaces/${ns}/configmaps?resourceVersion=not-a-version&timeoutSeconds=5`,
          what: 'watch config maps',
        },
        () => {},
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(KubeApiError);
    expect(error.status).toBe(500);
    expect(error.message).toBe(
      'Kubernetes refused to watch config maps (500): resourceVersion: Invalid value: "not-a-version": strconv.ParseUint: parsing "not-a-version": invalid syntax',
    );
  });
});

describe('KubeHttp.request', () => {
  it('reads a plain-text answer as text when asked, and as JSON otherwise', async () => {
    const http = new KubeHttp(localCluster());
    await expect(
      http.request<string>({
        method: 'GET',
        path: '/healthz',
        what: 'read the health check',
        read: 'text',
      }),
    ).resolves.toBe('ok');
    // The same text is no JSON: read as JSON it is absent.
    await expect(
      http.request({ method: 'GET', path: '/healthz', what: 'read it' }),
    ).resolves.toBeUndefined();
  });
});
