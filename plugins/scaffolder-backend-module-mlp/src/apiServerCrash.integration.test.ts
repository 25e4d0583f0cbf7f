// The kube-apiserver dies in the middle of onboarding, and comes back. The test has a cluster of
// its own (scripts/services.sh with its own folder and ports), so killing it disturbs no other
// test running at the same time.
import * as k8s from '@kubernetes/client-node';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  KEEPER,
  startScaffolderBackend,
  startTask,
  taskLog,
  waitForTask,
  waitForTemplates,
} from './__testUtils__/scaffolderBackend';
import {
  kubeConfig,
  kubeDir,
  repoRoot,
} from '@internal/plugin-mlp-kube-node/testUtils';

jest.setTimeout(300_000);

const dir = mkdtempSync(join(tmpdir(), 'mlp-crash-'));
const saved = { ...process.env };
let ctx: Awaited<ReturnType<typeof startScaffolderBackend>>;

/** Ports nobody listens on, from the kernel. */
async function freePorts(count: number): Promise<string[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>(resolve => {
          const server = createServer();
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map(s => String((s.address() as AddressInfo).port));
  await Promise.all(servers.map(s => new Promise(r => s.close(r))));
  return ports;
}

function services(...args: string[]) {
  execFileSync('bash', [join(repoRoot(), 'scripts', 'services.sh'), ...args], {
    // Jest gives tests a copy of process.env: children get the test's one only when passed.
    env: { ...process.env },
    stdio: 'inherit',
    timeout: 300_000,
  });
}

beforeAll(async () => {
  const [etcd, peer, api, cm] = await freePorts(4);
  // Read by scripts/services.sh and by the test utilities (servicesConfig, kubeDir, kubeConfig).
  Object.assign(process.env, {
    MLP_SERVICES_DIR: dir,
    MLP_ETCD_PORT: etcd,
    MLP_ETCD_PEER_PORT: peer,
    MLP_KUBE_API_PORT: api,
    MLP_KUBE_CM_PORT: cm,
    // The API alone: no scheduler, nodes or workflow controller of its own.
    MLP_KUBE_PARTS: 'control-plane',
  });
  services('up', 'kube');
  ctx = await startScaffolderBackend();
  await waitForTemplates(ctx.api(KEEPER));
});

afterAll(async () => {
  await ctx?.backend.stop();
  try {
    services('down');
  } finally {
    // Jest runs other test files in this worker process afterwards.
    for (const key of Object.keys(process.env)) {
      if (!(key in saved)) delete process.env[key];
    }
    Object.assign(process.env, saved);
    rmSync(dir, { recursive: true, force: true });
  }
});

it('the step that finds it gone fails clearly; after a restart a re-run completes without duplicates', async () => {
  const crashed = `crash-${Date.now().toString(36)}`;
  const core = kubeConfig('admin').makeApiClient(k8s.CoreV1Api);
  const api = ctx.api(KEEPER);
  const id = await startTask(api, 'test-onboard-with-pause', { team: crashed });
  // Wait until the first half is applied and the pause has begun, then kill kube-apiserver.
  for (
    let i = 0;
    !(await taskLog(api, id)).includes('Beginning step pause');
    i++
  ) {
    if (i > 120) throw new Error('the task never reached its pause');
    await new Promise(r => setTimeout(r, 250));
  }
  const pid = Number(
    readFileSync(join(kubeDir(), 'kube-apiserver.pid'), 'utf8'),
  );
  process.kill(-pid, 'SIGKILL');
  const failed = await waitForTask(api, id);
  expect(failed.status).toBe('failed');
  expect(failed.log).toMatch(
    /Beginning step mlp:k8s:network-policy\n.*Could not read Namespace .* did not answer \(ECONNREFUSED\)/,
  );

  // Restart the control plane on the same etcd data (what scripts/services.sh does).
  execFileSync(
    'bash',
    [join(repoRoot(), 'scripts', 'services', 'kube.sh'), 'start', kubeDir()],
    { env: { ...process.env }, stdio: 'inherit', timeout: 240_000 },
  );

  const again = await waitForTask(
    api,
    await startTask(api, 'test-onboard-with-pause', { team: crashed }),
  );
  expect(again.status).toBe('completed');
  // What the first run made is reused, what it did not get to is created, nothing twice.
  expect(again.log).toMatch(new RegExp(`Namespace ${crashed}: unchanged`));
  expect(again.log).toMatch(/ResourceQuota .*gpu-quota: unchanged/);
  expect(again.log).toMatch(/NetworkPolicy .*team-isolation: created/);
  expect(again.log).toMatch(/AppProject .*: created/);
  const quotas = await core.listNamespacedResourceQuota({ namespace: crashed });
  expect(quotas.items.map(q => q.metadata?.name)).toEqual(['gpu-quota']);
  const policies = await kubeConfig('admin')
    .makeApiClient(k8s.NetworkingV1Api)
    .listNamespacedNetworkPolicy({ namespace: crashed });
  expect(policies.items.map(p => p.metadata?.name)).toEqual(['team-isolation']);
});
