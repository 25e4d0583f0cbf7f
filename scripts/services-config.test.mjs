import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  clusterFromKubeconfig,
  readEnvFile,
  servicesAppConfig,
} from './services-config.mjs';

function kubeconfig(t, user, cluster = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mlp-kubeconfig-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'config');
  writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'other', cluster: { server: 'https://10.0.0.9:6443' } },
        {
          name: 'prod',
          cluster: {
            server: 'https://10.0.0.1:6443',
            'certificate-authority': 'ca.crt',
            ...cluster,
          },
        },
      ],
      users: [{ name: 'me', user }],
      contexts: [{ name: 'ctx', context: { cluster: 'prod', user: 'me' } }],
      'current-context': 'ctx',
    }),
  );
  return { dir, file };
}

test('the current context of a token kubeconfig becomes the cluster of the Kubernetes plugin', t => {
  const { dir, file } = kubeconfig(t, { token: 'abc' });
  assert.deepEqual(clusterFromKubeconfig(file), {
    name: 'mlp',
    url: 'https://10.0.0.1:6443',
    authProvider: 'serviceAccount',
    serviceAccountToken: 'abc',
    caFile: join(dir, 'ca.crt'),
  });
});

test('a token file and inline CA data are read too', t => {
  const { dir, file } = kubeconfig(
    t,
    { tokenFile: 'token' },
    {
      'certificate-authority': undefined,
      'certificate-authority-data': 'Q0E=',
    },
  );
  writeFileSync(join(dir, 'token'), 'from-file\n');
  const cluster = clusterFromKubeconfig(file);
  assert.equal(cluster.serviceAccountToken, 'from-file');
  assert.equal(cluster.caData, 'Q0E=');
  assert.equal(cluster.caFile, undefined);
});

test('a kubeconfig that signs in with an exec plugin is refused with the fix', t => {
  const { file } = kubeconfig(t, {
    exec: { command: 'gke-gcloud-auth-plugin' },
  });
  assert.throws(
    () => clusterFromKubeconfig(file),
    /user 'me' has no token \(it signs in with an exec plugin\).*app-config\.local\.yaml/,
  );
});

test('only the services that are up get config', () => {
  const env = readEnvFile(
    'MLP_MLFLOW_URL=http://127.0.0.1:5050\nMLP_POSTGRES_URL=postgresql://x\n',
  );
  assert.deepEqual(servicesAppConfig(env), {
    mlflow: { servers: [{ name: 'local', baseUrl: 'http://127.0.0.1:5050' }] },
  });
});

test("the local cluster's progress file and its simulated nodes reach the portal's config", t => {
  const { file } = kubeconfig(t, { token: 'abc' });
  const config = servicesAppConfig(
    readEnvFile(
      `MLP_KUBECONFIG=${file}\nMLP_KUBE_PROGRESS=/data/kube/progress.json\nMLP_KUBE_SIMULATED=1\n`,
    ),
  );
  assert.deepEqual(config.mlp, {
    kubernetes: { localClusterProgress: '/data/kube/progress.json' },
  });
  assert.deepEqual(config.jobs, { simulatedCluster: true });
  // The demo seeding signs in as the catalog's users (local demo only).
  assert.deepEqual(config.auth.providers.oauth2Proxy.signIn.resolvers, [
    { resolver: 'forwardedUserMatchingUserEntityName' },
  ]);
});

test('a real cluster gets neither the progress file nor the demo sign-in', t => {
  const { file } = kubeconfig(t, { token: 'abc' });
  const config = servicesAppConfig(readEnvFile(`MLP_KUBECONFIG=${file}\n`));
  assert.equal(config.mlp, undefined);
  assert.equal(config.jobs, undefined);
  assert.equal(config.auth, undefined);
  assert.equal(
    config.kubernetes.clusterLocatorMethods[0].clusters[0].name,
    'mlp',
  );
});

test("the local Coder becomes coder.*: its URL, the portal's token key and the admin session", t => {
  const dir = mkdtempSync(join(tmpdir(), 'coder-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'token-key'), 'a2V5\n');
  const env = { MLP_CODER_URL: 'http://127.0.0.1:7080', MLP_CODER_DIR: dir };
  // Prepared before Coder's first build: no admin session yet.
  assert.deepEqual(servicesAppConfig(env).coder, {
    baseUrl: 'http://127.0.0.1:7080',
    tokenEncryptionKey: 'a2V5',
  });
  writeFileSync(
    join(dir, 'tokens.json'),
    JSON.stringify({ admin: { username: 'admin', token: 'adm-token' } }),
  );
  assert.deepEqual(servicesAppConfig(env).coder, {
    baseUrl: 'http://127.0.0.1:7080',
    tokenEncryptionKey: 'a2V5',
    adminToken: 'adm-token',
  });
  // Your own Coder (MLP_CODER_URL alone): its settings come from app-config.local.yaml.
  assert.equal(
    servicesAppConfig({ MLP_CODER_URL: 'https://coder.example.com' }).coder,
    undefined,
  );
});

test('Prometheus becomes utilization.prometheus, at the local scrape interval when it is ours', () => {
  assert.deepEqual(
    servicesAppConfig(
      readEnvFile(
        'MLP_PROMETHEUS_URL=http://127.0.0.1:19090\nMLP_PROMETHEUS_SCRAPE_SECONDS=5\n',
      ),
    ).utilization,
    {
      prometheus: { baseUrl: 'http://127.0.0.1:19090' },
      resolutionSeconds: 5,
      reclaim: { intervalSeconds: 15 },
    },
  );
  assert.deepEqual(
    servicesAppConfig({ MLP_PROMETHEUS_URL: 'http://prometheus:9090' })
      .utilization,
    { prometheus: { baseUrl: 'http://prometheus:9090' } },
  );
});
