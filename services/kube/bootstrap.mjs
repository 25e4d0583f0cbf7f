#!/usr/bin/env node
// Prepares a fresh local cluster, idempotently (server-side apply): the CRDs (ArgoCD Application
// and AppProject and Volcano Queue from crds/, Argo Workflows' own from ARGO_CRDS_DIR, KServe's from
// KSERVE_CRDS_DIR), the Argo controller's namespace and configmap, KServe's namespace, configmap
// and MLServer runtime, the simulated GPU nodes of NODE_POOL (cluster/gpu-nodes.yaml), RBAC for the
// team identity, and the demo teams from catalog/org.yaml (namespace + GPU ResourceQuota each)
// with their demo GPU pods.
// Usage: node services/kube/bootstrap.mjs ADMIN_KUBECONFIG ARGO_CRDS_DIR NODE_POOL [KSERVE_CRDS_DIR]
// (without KSERVE_CRDS_DIR nothing of KServe is installed).
import * as k8s from '@kubernetes/client-node';
import { readFileSync, readdirSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  KWOK_NODE_ANNOTATION,
  nodeMatches,
  nodeObjects,
  readNodePool,
} from './cluster/nodePool.mjs';

const here = import.meta.dirname;
const root = join(here, '..', '..');
const FIELD_MANAGER = 'mlp-local-bootstrap';

const [kubeconfigFile, argoCrds, nodePool, kserveCrds] = process.argv.slice(2);
if (!argoCrds || !nodePool) {
  console.error(
    'usage: node services/kube/bootstrap.mjs ADMIN_KUBECONFIG ARGO_CRDS_DIR NODE_POOL [KSERVE_CRDS_DIR]',
  );
  process.exit(2);
}
const kc = new k8s.KubeConfig();
kc.loadFromFile(kubeconfigFile);
const core = kc.makeApiClient(k8s.CoreV1Api);
const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
const ext = kc.makeApiClient(k8s.ApiextensionsV1Api);

const readYaml = file =>
  parseAllDocuments(readFileSync(file, 'utf8'))
    .map(d => d.toJS())
    .filter(Boolean);

// CRDs go to the API server as written: client-node would serialise them through its model, which
// spells `x-kubernetes-int-or-string` as `x_kubernetes_int_or_string` and `enum` as `_enum`, and
// silently drops keys spelled as in YAML.
async function applyRaw(path, obj) {
  const opts = {
    method: 'PATCH',
    headers: {
      'Content-Type': 'application/apply-patch+yaml',
      Accept: 'application/json',
    },
  };
  await kc.applyToHTTPSOptions(opts);
  const url = new URL(
    `${
      kc.getCurrentCluster().server
    }${path}?fieldManager=${FIELD_MANAGER}&force=true`,
  );
  return new Promise((resolve, reject) => {
    const req = https.request(url, opts, res => {
      let body = '';
      res.on('data', chunk => (body += chunk));
      res.on('end', () =>
        res.statusCode < 300
          ? resolve(JSON.parse(body))
          : reject(new Error(`${res.statusCode} ${body}`)),
      );
    });
    req.on('error', reject);
    req.end(JSON.stringify(obj));
  });
}

async function apply(obj) {
  return objects.patch(
    obj,
    undefined,
    undefined,
    FIELD_MANAGER,
    true,
    k8s.PatchStrategy.ServerSideApply,
  );
}

async function retry(what, fn, attempts = 60) {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts)
        throw new Error(`${what}: ${e.body?.message ?? e.message}`);
      await new Promise(r => setTimeout(r, 500));
    }
  }
}

// 1. CRDs, then wait until the API server serves them.
const crdFiles = [join(here, 'crds'), argoCrds, kserveCrds]
  .filter(Boolean)
  .flatMap(dir =>
    readdirSync(dir)
      .filter(f => f.endsWith('.yaml'))
      .map(f => join(dir, f)),
  );
for (const file of crdFiles) {
  for (const crd of readYaml(file)) {
    await applyRaw(
      `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`,
      crd,
    );
    await retry(`CRD ${crd.metadata.name} not established`, async () => {
      const got = await ext.readCustomResourceDefinition({
        name: crd.metadata.name,
      });
      if (
        !got.status?.conditions?.some(
          c => c.type === 'Established' && c.status === 'True',
        )
      ) {
        throw new Error('not yet');
      }
    });
    console.log(`crd ${crd.metadata.name} established`);
  }
}

// ArgoCD's namespace: where Applications and AppProjects live.
await apply({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'argocd' },
});

// Argo Workflows' controller: its namespace and configmap. No metrics server: it would listen on
// every interface, and nothing here reads it.
await apply({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'argo' },
});
await apply({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'workflow-controller-configmap', namespace: 'argo' },
  data: { metricsConfig: 'enabled: false\n' },
});

// KServe's controller (cmd/manager) reads its configuration from kserve/inferenceservice-config at
// start and on every reconcile. Only what it needs without Istio and Knative:
//   deploy        every InferenceService is a RawDeployment: a Deployment, a Service and an Ingress
//                 (v0.16 calls the mode Standard; the annotation serving.kserve.io/deploymentMode:
//                 RawDeployment still means the same)
//   ingress       no Istio VirtualService; the URL is http://<name>-<namespace>.inference.localhost
//                 (ingressGateway is required by the parser, and unused in this mode). The Ingress
//                 it makes has no ingress controller here, so the URL leads nowhere.
//   storageInitializer  parsed (with its resource quantities) for every predictor; the
//                 storage-initializer itself is injected by KServe's pod webhook, which is not
//                 registered here, so predictor pods get no init container (KWOK pulls nothing).
//   inferenceService    present so that KServe's own defaults for the annotation and label
//                 filters apply.
if (kserveCrds) {
  await apply({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'kserve' },
  });
  await apply({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'inferenceservice-config', namespace: 'kserve' },
    data: {
      deploy: JSON.stringify({ defaultDeploymentMode: 'Standard' }),
      ingress: JSON.stringify({
        ingressGateway: 'knative-serving/knative-ingress-gateway',
        ingressDomain: 'inference.localhost',
        domainTemplate: '{{ .Name }}-{{ .Namespace }}.{{ .IngressDomain }}',
        urlScheme: 'http',
        disableIstioVirtualHost: true,
        disableIngressCreation: false,
      }),
      storageInitializer: JSON.stringify({
        image: 'kserve/storage-initializer:v0.16.0',
        memoryRequest: '100Mi',
        memoryLimit: '1Gi',
        cpuRequest: '100m',
        cpuLimit: '1',
        cpuModelcar: '10m',
        memoryModelcar: '15Mi',
        enableModelcar: false,
        caBundleConfigMapName: '',
      }),
      inferenceService: JSON.stringify({}),
      multiNode: JSON.stringify({ customGPUResourceTypeList: [] }),
      security: JSON.stringify({ autoMountServiceAccountToken: true }),
    },
  });
  // The runtime an InferenceService with modelFormat mlflow (or sklearn, xgboost, lightgbm)
  // resolves to: Seldon's MLServer, as KServe's own kserve-mlserver runtime describes it (V2
  // protocol). The image is never pulled here: KWOK only simulates the containers.
  const format = (name, version, priority) => ({
    name,
    version,
    autoSelect: true,
    priority,
  });
  await applyRaw(
    '/apis/serving.kserve.io/v1alpha1/clusterservingruntimes/kserve-mlserver',
    {
      apiVersion: 'serving.kserve.io/v1alpha1',
      kind: 'ClusterServingRuntime',
      metadata: { name: 'kserve-mlserver' },
      spec: {
        annotations: {
          'prometheus.kserve.io/port': '8080',
          'prometheus.kserve.io/path': '/metrics',
        },
        supportedModelFormats: [
          format('mlflow', '1', 1),
          format('mlflow', '2', 1),
          format('sklearn', '0', 2),
          format('sklearn', '1', 2),
          format('xgboost', '1', 2),
          format('xgboost', '2', 2),
          format('lightgbm', '3', 2),
          format('lightgbm', '4', 2),
        ],
        protocolVersions: ['v2'],
        containers: [
          {
            name: 'kserve-container',
            image: 'seldonio/mlserver:1.5.0',
            env: [
              {
                name: 'MLSERVER_MODEL_IMPLEMENTATION',
                value: '{{.Labels.modelClass}}',
              },
              { name: 'MLSERVER_HTTP_PORT', value: '8080' },
              { name: 'MLSERVER_GRPC_PORT', value: '9000' },
              { name: 'MODELS_DIR', value: '/mnt/models' },
            ],
            resources: {
              requests: { cpu: '1', memory: '2Gi' },
              limits: { cpu: '1', memory: '2Gi' },
            },
          },
        ],
      },
    },
  );
  console.log('kserve: configmap and ClusterServingRuntime kserve-mlserver');
}

// The simulated GPU nodes, registered as a kubelet registers its node (status with capacity); KWOK
// then keeps them Ready. A node whose capacity or labels the pool changed is registered anew, one
// the pool no longer has is removed.
const wanted = nodeObjects(readNodePool(nodePool));
const existing = (await core.listNode()).items.filter(
  n => n.metadata?.annotations?.[KWOK_NODE_ANNOTATION],
);
for (const node of existing) {
  const want = wanted.find(w => w.metadata.name === node.metadata.name);
  if (!want || !nodeMatches(node, want)) {
    await core.deleteNode({ name: node.metadata.name });
    console.log(
      `node ${node.metadata.name}: removed (${
        want ? 'changed' : 'not in the pool'
      })`,
    );
  }
}
for (const node of wanted) {
  const have = existing.find(n => n.metadata.name === node.metadata.name);
  if (have && nodeMatches(have, node)) continue;
  await retry(`node ${node.metadata.name}`, () =>
    core.createNode({ body: node }),
  );
  console.log(`node ${node.metadata.name}: registered`);
}

// 2. Demo teams from the catalog: groups that carry a namespace annotation.
const teams = readYaml(join(root, 'catalog', 'org.yaml')).filter(
  e =>
    e.kind === 'Group' && e.metadata.annotations?.['mlplatform.dev/namespace'],
);
for (const team of teams) {
  const ns = team.metadata.annotations['mlplatform.dev/namespace'];
  const gpus = team.metadata.annotations['mlplatform.dev/gpu-quota'] ?? '0';
  await apply({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: ns,
      // Teams the portal onboarded before: its actions manage these objects.
      labels: {
        'mlplatform.dev/team': team.metadata.name,
        'app.kubernetes.io/managed-by': 'mlp-portal',
      },
      annotations: {
        'backstage.io/owner': `group:default/${team.metadata.name}`,
      },
    },
  });
  await apply({
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: {
      name: 'gpu-quota',
      namespace: ns,
      // Teams the portal onboarded before: its actions manage these objects.
      labels: {
        'mlplatform.dev/team': team.metadata.name,
        'app.kubernetes.io/managed-by': 'mlp-portal',
      },
    },
    spec: { hard: { 'requests.nvidia.com/gpu': gpus } },
  });
  console.log(`team ${team.metadata.name}: namespace ${ns}, ${gpus} GPUs`);
}

// 3. The team identity (user nlp-team-bot, see tokens.csv) may work in its namespace only.
await apply({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'team-member', namespace: 'nlp-team' },
  rules: [
    {
      apiGroups: [''],
      resources: ['pods', 'pods/log', 'configmaps', 'secrets', 'services'],
      verbs: ['*'],
    },
    {
      apiGroups: [''],
      resources: ['resourcequotas', 'limitranges'],
      verbs: ['get', 'list', 'watch'],
    },
    { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['*'] },
    {
      apiGroups: ['serving.kserve.io'],
      resources: ['inferenceservices'],
      verbs: ['*'],
    },
  ],
});
await apply({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'nlp-team-bot', namespace: 'nlp-team' },
  roleRef: {
    apiGroup: 'rbac.authorization.k8s.io',
    kind: 'Role',
    name: 'team-member',
  },
  subjects: [
    {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'User',
      name: 'nlp-team-bot',
    },
  ],
});

// 4. Demo GPU pods. Quota admission needs the quota's usage computed by the controller manager
// and the namespace's default service account; both appear within seconds, so retry.
// A pod's resources cannot change in place: a demo pod whose file changed since the cluster was
// made (the API server answers 422) is deleted and made again.
async function applyPod(pod) {
  try {
    return await apply(pod);
  } catch (e) {
    if (e.code !== 422) throw e;
    const { name, namespace } = pod.metadata;
    await core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 });
    console.log(`pod ${namespace}/${name}: changed in the file, made again`);
    await retry(`pod ${namespace}/${name} to be gone`, async () => {
      const gone = await core
        .readNamespacedPod({ name, namespace })
        .then(() => false)
        .catch(err => err.code === 404);
      if (!gone) throw new Error('still there');
    });
    return apply(pod);
  }
}
for (const pod of readYaml(join(here, 'demo-workloads.yaml'))) {
  await retry(`pod ${pod.metadata.namespace}/${pod.metadata.name}`, () =>
    applyPod(pod),
  );
  console.log(`pod ${pod.metadata.namespace}/${pod.metadata.name}`);
}
