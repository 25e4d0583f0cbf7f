// The local Kubernetes API server is real: quota admission, RBAC and CRD validation are enforced
// by kube-apiserver itself, used here through @kubernetes/client-node from TypeScript.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import { serviceEnv } from './services.ts';

function clients(kubeconfig: string) {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfig);
  return {
    core: kc.makeApiClient(k8s.CoreV1Api),
    custom: kc.makeApiClient(k8s.CustomObjectsApi),
  };
}

const admin = clients(serviceEnv('MLP_KUBECONFIG'));
const team = clients(serviceEnv('MLP_KUBE_TEAM_KUBECONFIG'));
const ns = `it-${randomBytes(3).toString('hex')}`;

function gpuPod(name: string, gpus: number): k8s.V1Pod {
  return {
    metadata: { name },
    spec: {
      restartPolicy: 'Never',
      containers: [
        {
          name: 'train',
          image: 'ml-training:latest',
          resources: {
            requests: { 'nvidia.com/gpu': String(gpus) },
            limits: { 'nvidia.com/gpu': String(gpus) },
          },
        },
      ],
    },
  };
}

async function eventually<T>(
  fn: () => Promise<T>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise(r => setTimeout(r, 300));
    }
  }
}

const status = (e: unknown) => (e as { code?: number }).code;
const message = (e: unknown) => String((e as { body?: unknown }).body ?? e);

describe('local kube-apiserver', () => {
  before(async () => {
    await admin.core.createNamespace({ body: { metadata: { name: ns } } });
    await admin.core.createNamespacedResourceQuota({
      namespace: ns,
      body: {
        metadata: { name: 'gpu-quota' },
        spec: { hard: { 'requests.nvidia.com/gpu': '2' } },
      },
    });
  });
  after(async () => {
    await admin.core.deleteNamespace({ name: ns }).catch(() => {});
  });

  test('admits GPU pods within the ResourceQuota and rejects one over it with 403 "exceeded quota"', async () => {
    // The controller manager computes the quota's usage first; the default service account appears too.
    await eventually(() =>
      admin.core.createNamespacedPod({
        namespace: ns,
        body: gpuPod('first', 2),
      }),
    );
    const quota = await eventually(async () => {
      const q = await admin.core.readNamespacedResourceQuota({
        name: 'gpu-quota',
        namespace: ns,
      });
      assert.equal(q.status?.used?.['requests.nvidia.com/gpu'], '2');
      return q;
    });
    assert.equal(quota.status?.hard?.['requests.nvidia.com/gpu'], '2');
    await assert.rejects(
      admin.core.createNamespacedPod({
        namespace: ns,
        body: gpuPod('second', 1),
      }),
      e => status(e) === 403 && /exceeded quota: gpu-quota/.test(message(e)),
    );
  });

  test("a team identity works in its own namespace and is refused in another team's (403)", async () => {
    const own = await team.core.listNamespacedPod({ namespace: 'nlp-team' });
    assert.ok(own.items.length >= 1);
    await assert.rejects(
      team.core.listNamespacedPod({ namespace: 'vision-team' }),
      e => status(e) === 403,
    );
    await assert.rejects(
      team.core.createNamespacedPod({
        namespace: 'vision-team',
        body: gpuPod('intruder', 1),
      }),
      e => status(e) === 403,
    );
  });

  test("the demo teams have GPU quotas whose usage counts their demo workloads' GPUs", async () => {
    // services/kube/demo-workloads.yaml: nlp-team 2 + 2, vision-team 8 + 2, tabular-team 1.
    const expected = {
      'nlp-team': ['8', '4'],
      'vision-team': ['16', '10'],
      'tabular-team': ['4', '1'],
    };
    for (const [namespace, [hard, used]] of Object.entries(expected)) {
      const q = await admin.core.readNamespacedResourceQuota({
        name: 'gpu-quota',
        namespace,
      });
      assert.equal(
        q.status?.hard?.['requests.nvidia.com/gpu'],
        hard,
        namespace,
      );
      assert.equal(
        q.status?.used?.['requests.nvidia.com/gpu'],
        used,
        namespace,
      );
    }
  });

  test("CRDs are served and validate: a Workflow is stored and Argo's controller runs it", async () => {
    const created = (await admin.custom.createNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: ns,
      plural: 'workflows',
      body: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Workflow',
        metadata: { generateName: 'train-' },
        spec: {
          entrypoint: 'main',
          activeDeadlineSeconds: 3600,
          podMetadata: {
            annotations: { 'mlplatform.dev/simulated-runtime': '1s' },
          },
          templates: [
            {
              name: 'main',
              container: {
                image: 'ml-training:latest',
                command: ['python', 'train.py'],
              },
            },
          ],
        },
      },
    })) as { metadata: { name: string } };
    // Argo's controller (the CRDs are its module's own, without a status subresource, so its
    // status writes land) makes the pod; the scheduler places it on a CPU node; KWOK ends it.
    let phase;
    for (let i = 0; i < 120 && phase !== 'Succeeded'; i++) {
      const wf = (await admin.custom.getNamespacedCustomObject({
        group: 'argoproj.io',
        version: 'v1alpha1',
        namespace: ns,
        plural: 'workflows',
        name: created.metadata.name,
      })) as { status?: { phase?: string } };
      phase = wf.status?.phase;
      await new Promise(r => setTimeout(r, 500));
    }
    assert.equal(phase, 'Succeeded');
    assert.match(created.metadata.name, /^train-/);
    const app = await admin.custom.createNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: ns,
      plural: 'applications',
      body: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'churn-predictor' },
        spec: {
          project: 'default',
          source: {
            repoURL: 'https://git.example.com/ml/churn-predictor.git',
            path: 'deploy',
          },
          destination: {
            server: 'https://kubernetes.default.svc',
            namespace: 'tabular-team',
          },
        },
      },
    });
    assert.ok(app);
  });
});
