// KServe's real controller (cmd/manager, RawDeployment) in the local cluster: an InferenceService
// gets a Deployment, whose ReplicaSet makes the predictor pods, which the scheduler places and KWOK
// runs; the controller then reports the InferenceService Ready with its URL. Deleting it takes the
// pods away (KServe's finalizer, then the garbage collector).
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import { serviceEnv } from './services.ts';

const kc = new k8s.KubeConfig();
kc.loadFromFile(serviceEnv('MLP_KUBECONFIG'));
const core = kc.makeApiClient(k8s.CoreV1Api);
const apps = kc.makeApiClient(k8s.AppsV1Api);
const custom = kc.makeApiClient(k8s.CustomObjectsApi);

const namespace = 'nlp-team';
const isvcApi = {
  group: 'serving.kserve.io',
  version: 'v1beta1',
  namespace,
  plural: 'inferenceservices',
};

type Condition = { type: string; status: string; reason?: string };
type InferenceService = {
  metadata: { name: string };
  status?: {
    url?: string;
    conditions?: Condition[];
    components?: { predictor?: { url?: string } };
  };
};

/** An InferenceService for an MLflow model: `gpus` GPUs a replica, a fixed number of replicas. */
function inferenceService(name: string, gpus: number, replicas: number) {
  const resources = gpus
    ? {
        requests: { 'nvidia.com/gpu': String(gpus) },
        limits: { 'nvidia.com/gpu': String(gpus) },
      }
    : undefined;
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name,
      annotations: {
        'serving.kserve.io/deploymentMode': 'RawDeployment',
        // No HPA: the Deployment keeps minReplicas (KServe v0.16 makes an HPA for the default
        // class `hpa`, and leaves the Deployment's replicas to it).
        'serving.kserve.io/autoscalerClass': 'none',
      },
    },
    spec: {
      predictor: {
        minReplicas: replicas,
        maxReplicas: replicas,
        model: {
          modelFormat: { name: 'mlflow' },
          // kserve-mlserver speaks only the V2 protocol; KServe assumes v1 when it is not given.
          protocolVersion: 'v2',
          storageUri: 's3://mlflow-artifacts/models/churn-predictor/1',
          ...(resources ? { resources } : {}),
        },
      },
    },
  };
}

async function until<T>(
  what: string,
  timeoutMs: number,
  fn: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not within ${timeoutMs / 1000} s${
          last ? ` (last error: ${String(last)})` : ''
        }`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

const podsOf = async (name: string) =>
  (
    await core.listNamespacedPod({
      namespace,
      labelSelector: `serving.kserve.io/inferenceservice=${name}`,
    })
  ).items;

const gpuNodes = async () =>
  new Set(
    (await core.listNode()).items
      .filter(n => Number(n.status?.allocatable?.['nvidia.com/gpu'] ?? 0) > 0)
      .map(n => n.metadata!.name!),
  );

const getIsvc = async (name: string) =>
  (await custom.getNamespacedCustomObject({
    ...isvcApi,
    name,
  })) as InferenceService;

const ready = (isvc: InferenceService) =>
  isvc.status?.conditions?.find(c => c.type === 'Ready')?.status === 'True';

/** Creates it, waits until `replicas` predictor pods run where `placed` says and it is Ready. */
async function deploy(
  t: TestContext,
  name: string,
  gpus: number,
  replicas: number,
  placed: (nodeName: string) => boolean,
) {
  const started = Date.now();
  await custom.createNamespacedCustomObject({
    ...isvcApi,
    body: inferenceService(name, gpus, replicas),
  });
  t.after(() =>
    custom
      .deleteNamespacedCustomObject({ ...isvcApi, name })
      .catch(() => undefined),
  );
  const pods = await until(
    `${replicas} predictor pods of ${name} Running`,
    90_000,
    async () => {
      const found = (await podsOf(name)).filter(
        p => !p.metadata?.deletionTimestamp,
      );
      return found.length === replicas &&
        found.every(p => p.status?.phase === 'Running')
        ? found
        : undefined;
    },
  );
  for (const pod of pods) {
    assert.ok(
      placed(pod.spec!.nodeName!),
      `pod ${pod.metadata!.name} is on ${pod.spec!.nodeName}`,
    );
  }
  const isvc = await until(`${name} Ready with a URL`, 90_000, async () => {
    const got = await getIsvc(name);
    return ready(got) && got.status?.url ? got : undefined;
  });
  t.diagnostic(
    `${name}: Ready after ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { pods, isvc };
}

async function undeploy(name: string) {
  await custom.deleteNamespacedCustomObject({ ...isvcApi, name });
  await until(`the pods of ${name} gone`, 60_000, async () =>
    (await podsOf(name)).length === 0 ? true : undefined,
  );
  await until(`${name} gone`, 30_000, async () =>
    getIsvc(name).then(
      () => undefined,
      e => ((e as { code?: number }).code === 404 ? true : undefined),
    ),
  );
}

describe('KServe controller (RawDeployment)', () => {
  test('an InferenceService with 1 GPU and 2 replicas runs 2 predictor pods on GPU nodes, is Ready with a URL, and its pods go when it is deleted', async t => {
    const name = `it-isvc-${randomBytes(3).toString('hex')}`;
    const gpu = await gpuNodes();
    const { pods, isvc } = await deploy(t, name, 1, 2, node => gpu.has(node));

    assert.equal(
      isvc.status?.url,
      `http://${name}-${namespace}.inference.localhost`,
    );
    assert.match(isvc.status?.components?.predictor?.url ?? '', /^http:\/\//);
    for (const type of ['PredictorReady', 'IngressReady', 'Ready']) {
      assert.equal(
        isvc.status?.conditions?.find(c => c.type === type)?.status,
        'True',
        type,
      );
    }
    for (const pod of pods) {
      const container = pod.spec!.containers.find(
        c => c.name === 'kserve-container',
      );
      assert.ok(container, 'the predictor container is kserve-container');
      assert.equal(container.image, 'seldonio/mlserver:1.5.0');
      assert.equal(container.resources?.requests?.['nvidia.com/gpu'], '1');
      assert.equal(container.resources?.limits?.['nvidia.com/gpu'], '1');
      assert.equal(
        pod.metadata?.labels?.['component'],
        'predictor',
        'component label',
      );
      assert.equal(pod.metadata?.labels?.app, `isvc.${name}-predictor`);
    }
    const deployment = await apps.readNamespacedDeployment({
      name: `${name}-predictor`,
      namespace,
    });
    assert.equal(deployment.spec?.replicas, 2);
    assert.equal(deployment.status?.availableReplicas, 2);

    await undeploy(name);
  });

  test('an InferenceService without GPUs runs on a CPU node', async t => {
    const name = `it-isvc-cpu-${randomBytes(3).toString('hex')}`;
    const gpu = await gpuNodes();
    await deploy(t, name, 0, 1, node => !gpu.has(node));
    await undeploy(name);
  });
});
