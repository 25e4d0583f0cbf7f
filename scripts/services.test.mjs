// Faults of scripts/services.sh: a port in use, a missing Go toolchain, a failed build and a service
// that dies on start each end with a message naming the service, the log file and the fix, a
// non-zero exit, and no process left running. Each case uses its own state folder and ports, so it
// does not disturb the services the test command started.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  mkdirSync,
  writeFileSync,
  readFileSync,
  readdirSync,
  chmodSync,
  rmSync,
  existsSync,
  symlinkSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const services = join(root, 'scripts', 'services.sh');

function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'mlp-services-fault-'));
  chmodSync(dir, 0o755);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Free ports from the kernel, so no port in the shared ephemeral range is taken by chance.
async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  await new Promise(resolve => server.close(resolve));
  return String(port);
}

async function ports() {
  const names = [
    'MLP_POSTGRES_PORT',
    'MLP_MLFLOW_PORT',
    'MLP_ETCD_PORT',
    'MLP_ETCD_PEER_PORT',
    'MLP_KUBE_API_PORT',
    'MLP_KUBE_CM_PORT',
    'MLP_KUBE_SCHEDULER_PORT',
    'MLP_KWOK_PORT',
    'MLP_KSERVE_PORT',
    'MLP_KSERVE_WEBHOOK_PORT',
    'MLP_PROMETHEUS_PORT',
    'MLP_GPU_EXPORTER_PORT',
  ];
  const env = {};
  for (const name of names) env[name] = await freePort();
  return env;
}

/** Holds PORT for the rest of the test, unless something holds it already. */
async function occupyPort(t, port) {
  const server = createServer(socket => socket.destroy());
  const held = await new Promise(resolve => {
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => resolve(true));
  });
  if (held) t.after(() => server.close());
}

/** Holds a free port for the rest of the test; returns it. */
async function occupy(t) {
  const server = createServer(socket => socket.destroy());
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  t.after(() => server.close());
  return String(server.address().port);
}

// Asynchronous, so the port-holding servers of this process keep answering meanwhile.
function up(dir, env, ...names) {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [services, 'up', ...names], {
      env: { ...process.env, MLP_SERVICES_DIR: dir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', reject);
    child.on('close', status => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

// Processes whose command line mentions DIR: what a failed start must not leave behind.
function processesUsing(dir) {
  const found = [];
  for (const pid of readdirSync('/proc').filter(p => /^\d+$/.test(p))) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll(
        '\0',
        ' ',
      );
    } catch {
      continue;
    }
    if (cmdline.includes(dir) && Number(pid) !== process.pid)
      found.push(`${pid}: ${cmdline}`);
  }
  return found;
}

function assertFailedCleanly(result, dir, pattern) {
  assert.notEqual(result.status, 0, `exit status; stderr:\n${result.stderr}`);
  assert.match(result.stderr, pattern);
  assert.deepEqual(processesUsing(dir), [], 'processes left running');
}

test('postgres: a port in use names the service, the port and the setting to change', async t => {
  const dir = tempDir(t);
  const env = await ports();
  env.MLP_POSTGRES_PORT = await occupy(t);
  const result = await up(dir, env, 'postgres');
  assertFailedCleanly(
    result,
    dir,
    new RegExp(
      `postgres: port ${env.MLP_POSTGRES_PORT} is in use;.*MLP_POSTGRES_PORT`,
    ),
  );
});

test('mlflow: a port in use names the service, the port and the setting to change', async t => {
  const dir = tempDir(t);
  const env = await ports();
  env.MLP_MLFLOW_PORT = await occupy(t);
  const result = await up(dir, env, 'mlflow');
  assertFailedCleanly(
    result,
    dir,
    new RegExp(
      `mlflow: port ${env.MLP_MLFLOW_PORT} is in use;.*MLP_MLFLOW_PORT`,
    ),
  );
});

test('status lists every service and exits 0, whatever is down (start.sh reads it)', async t => {
  const dir = tempDir(t);
  const env = await ports();
  const out = execFileSync('bash', [services, 'status'], {
    env: { ...process.env, MLP_SERVICES_DIR: dir, ...env },
    encoding: 'utf8',
  });
  // Its parts are listed under kube, indented.
  assert.deepEqual(
    out
      .split('\n')
      .filter(l => /^\S/.test(l))
      .map(l => l.split(/\s+/)[0]),
    ['postgres', 'mlflow', 'coder', 'kube', 'prometheus'],
  );
  assert.match(out, /^prometheus down$/m);
});

test('prometheus: without the local cluster up, it says to start both', async t => {
  const dir = tempDir(t);
  const env = await ports();
  env.MLP_KUBE_API_PORT = await freePort();
  const result = await up(dir, env, 'prometheus');
  assertFailedCleanly(
    result,
    dir,
    /prometheus: its exporter reads the local cluster's pods, which is not up; start both: scripts\/services.sh up kube prometheus/,
  );
});

for (const [what, name] of [
  ['server', 'MLP_PROMETHEUS_PORT'],
  ['exporter', 'MLP_GPU_EXPORTER_PORT'],
]) {
  test(`prometheus: its ${what}'s port in use names it and the setting, before anything starts`, async t => {
    const dir = tempDir(t);
    const env = await ports();
    env[name] = await occupy(t);
    const result = await new Promise(resolve => {
      const child = spawn(
        'bash',
        [
          join(root, 'scripts', 'services', 'prometheus.sh'),
          'start',
          dir,
          env.MLP_PROMETHEUS_PORT,
          env.MLP_GPU_EXPORTER_PORT,
          join(dir, 'missing.kubeconfig'),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', d => (stderr += d));
      child.on('close', status => resolve({ status, stderr }));
    });
    assertFailedCleanly(
      result,
      dir,
      new RegExp(`prometheus: port ${env[name]} is in use;.*${name}`),
    );
  });
}

test('coder: without the local PostgreSQL up, it says to start both', async t => {
  const dir = tempDir(t);
  const env = await ports();
  const result = await up(dir, env, 'coder');
  assertFailedCleanly(
    result,
    dir,
    /coder: it keeps its data in the local PostgreSQL, which is not up; start both: scripts\/services.sh up postgres coder/,
  );
});

// The next two use the PostgreSQL the test command started (the default port).
test('coder: a port in use names the service, the port and the setting to change', async t => {
  const dir = tempDir(t);
  const env = await ports();
  env.MLP_POSTGRES_PORT = process.env.MLP_POSTGRES_PORT ?? '54329';
  env.MLP_CODER_PORT = await occupy(t);
  const result = await up(dir, env, 'coder');
  assertFailedCleanly(
    result,
    dir,
    new RegExp(`coder: port ${env.MLP_CODER_PORT} is in use;.*MLP_CODER_PORT`),
  );
});

test('coder: a database name that is not a plain name is refused, naming the setting', async t => {
  const dir = tempDir(t);
  const env = await ports();
  env.MLP_POSTGRES_PORT = process.env.MLP_POSTGRES_PORT ?? '54329';
  env.MLP_CODER_PORT = await freePort();
  env.MLP_CODER_DATABASE = 'coder; drop database postgres';
  const result = await up(dir, env, 'coder');
  assertFailedCleanly(
    result,
    dir,
    /coder: MLP_CODER_DATABASE must be a plain database name/,
  );
});

test('kube: a port in use names the component, the port and the setting to change', async t => {
  const dir = tempDir(t);
  const env = await ports();
  env.MLP_KUBE_API_PORT = await occupy(t);
  const result = await up(dir, env, 'kube');
  assertFailedCleanly(
    result,
    dir,
    new RegExp(
      `kube: port ${env.MLP_KUBE_API_PORT} \\(kube-apiserver\\) is in use;.*MLP_KUBE_API_PORT`,
    ),
  );
});

test('kube: without Go on PATH, a missing build says Go is needed and where the log is', async t => {
  const dir = tempDir(t);
  const goDir = dirname(
    execFileSync('bash', ['-c', 'command -v go'], { encoding: 'utf8' }).trim(),
  );
  const path = process.env.PATH.split(':')
    .filter(p => p !== goDir)
    .join(':');
  const result = await up(
    dir,
    { ...(await ports()), PATH: path, MLP_KUBE_BIN_DIR: join(dir, 'bin') },
    'kube',
  );
  assertFailedCleanly(
    result,
    dir,
    /go is not on PATH; Go 1\.26 or newer is needed/,
  );
  assert.match(
    result.stderr,
    new RegExp(`kube: building .* failed; see ${dir}/kube/build.log`),
  );
  assert.match(
    readFileSync(join(dir, 'kube', 'build.log'), 'utf8'),
    /go is not on PATH/,
  );
});

test('kube: a failed build names the service, its log and the fix', async t => {
  const dir = tempDir(t);
  // No module cache and no proxy: go build fails the way it does when the proxy is unreachable.
  const result = await up(
    dir,
    {
      ...(await ports()),
      MLP_KUBE_BIN_DIR: join(dir, 'bin'),
      GOPROXY: 'off',
      GOMODCACHE: join(dir, 'gomodcache'),
      GOFLAGS: '-mod=mod',
      GOTOOLCHAIN: 'local',
    },
    'kube',
  );
  assertFailedCleanly(
    result,
    dir,
    new RegExp(`kube: building .* failed; see ${dir}/kube/build.log`),
  );
  assert.match(result.stderr, /Go module proxy/);
  assert.match(
    readFileSync(join(dir, 'kube', 'build.log'), 'utf8'),
    /GOPROXY=off/,
  );
  // The portal reads this while the cluster is not up: it says the start failed, why and where.
  const progress = JSON.parse(
    readFileSync(join(dir, 'kube', 'progress.json'), 'utf8'),
  );
  assert.equal(progress.state, 'failed');
  assert.match(progress.message, /kube: building .* failed; see .*build\.log/);
  assert.equal(progress.log, join(dir, 'kube'));
});

test('kube: etcd dying on start names it and its log, and leaves nothing running', async t => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'kube'), { recursive: true });
  // A file where etcd wants its data folder: etcd exits at once.
  writeFileSync(join(dir, 'kube', 'etcd-data'), 'not a folder');
  const result = await up(dir, await ports(), 'kube');
  assertFailedCleanly(
    result,
    dir,
    new RegExp(`kube: etcd exited on start; see ${dir}/kube/etcd.log`),
  );
});

for (const [part, setting] of [
  ['kube-scheduler', 'MLP_KUBE_SCHEDULER_PORT'],
  ['kwok', 'MLP_KWOK_PORT'],
  ['kserve-controller', 'MLP_KSERVE_PORT'],
  ['kserve-webhook', 'MLP_KSERVE_WEBHOOK_PORT'],
]) {
  test(`kube: ${part}'s port in use names it, the port and the setting, before anything starts`, async t => {
    const dir = tempDir(t);
    const env = await ports();
    env[setting] = await occupy(t);
    const result = await up(dir, env, 'kube');
    assertFailedCleanly(
      result,
      dir,
      new RegExp(
        `kube: port ${env[setting]} \\(${part}\\) is in use;.*${setting}`,
      ),
    );
    assert.equal(existsSync(join(dir, 'kube', 'etcd.log')), false);
  });
}

test("kube: Argo's fixed port 6060 in use is named, and everything started before it is stopped", async t => {
  const dir = tempDir(t);
  // The test command's own cluster holds 6060 already; otherwise this test holds it.
  await occupyPort(t, 6060);
  const result = await up(dir, await ports(), 'kube');
  assertFailedCleanly(
    result,
    dir,
    /kube: port 6060 \(workflow-controller\) is in use; stop what listens there \(it cannot be moved/,
  );
  // It got as far as the scheduler and KWOK, which were stopped again.
  assert.match(readFileSync(join(dir, 'kube', 'kwok.log'), 'utf8'), /\S/);
});

test('kube: a failed build of kwok names its log and the fix, and leaves no half-built binary', async t => {
  const dir = tempDir(t);
  // etcd and kube are there already (links to the built ones); kwok and Argo must be built,
  // with no module cache and no proxy.
  const built = execFileSync(join(root, 'services', 'kube', 'build.sh'), [
    '--print-bin-dir',
  ])
    .toString()
    .trim();
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const name of [
    'etcd',
    'kube',
    'kube-apiserver',
    'kube-controller-manager',
    'kube-scheduler',
  ])
    symlinkSync(join(built, name), join(bin, name));
  const result = await up(
    dir,
    {
      ...(await ports()),
      MLP_KUBE_BIN_DIR: bin,
      GOPROXY: 'off',
      GOMODCACHE: join(dir, 'gomodcache'),
      GOFLAGS: '-mod=mod',
      GOTOOLCHAIN: 'local',
    },
    'kube',
  );
  assertFailedCleanly(
    result,
    dir,
    new RegExp(`kube: building .* failed; see ${dir}/kube/build.log`),
  );
  const log = readFileSync(join(dir, 'kube', 'build.log'), 'utf8');
  assert.match(log, /kwok: building/);
  assert.match(log, /GOPROXY=off/);
  assert.deepEqual(
    readdirSync(bin).filter(f => f.includes('kwok')),
    [],
    'no kwok binary',
  );
});

test('kube: KWOK dying on start (a broken stages file) names it and its log, and leaves nothing running', async t => {
  const dir = tempDir(t);
  const stages = join(dir, 'stages.yaml');
  writeFileSync(
    stages,
    'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n',
  );
  const result = await up(
    dir,
    { ...(await ports()), MLP_KWOK_STAGES: stages },
    'kube',
  );
  assertFailedCleanly(
    result,
    dir,
    new RegExp(`kube: kwok exited on start; see ${dir}/kube/kwok.log`),
  );
});

test('kube: the scheduler dying on start names it and its log, and leaves nothing running', async t => {
  const dir = tempDir(t);
  // A file where the scheduler writes its serving certificate: it exits at once.
  mkdirSync(join(dir, 'kube', 'pki'), { recursive: true });
  writeFileSync(join(dir, 'kube', 'pki', 'scheduler'), 'not a folder');
  const result = await up(dir, await ports(), 'kube');
  assertFailedCleanly(
    result,
    dir,
    new RegExp(
      `kube: kube-scheduler exited on start; see ${dir}/kube/kube-scheduler.log`,
    ),
  );
});

for (const [mistake, pool, pattern] of [
  [
    'an unknown field',
    'nodes:\n  - name: a\n    gpus: 8\n',
    /pool\.yaml: nodes\[0\] \(a\): unknown field "gpus"; remove it or use one of: name, count, gpu, cpu, memory, pods/,
  ],
  [
    'negative GPUs',
    'nodes:\n  - name: a\n    gpu: { resource: nvidia.com/gpu, count: -1, product: A, memoryMiB: 1 }\n',
    /pool\.yaml: nodes\[0\] \(a\): gpu\.count: gpu\.count must be 0 or more \(got -1\)/,
  ],
  [
    'a duplicate node name',
    'nodes:\n  - name: a\n  - name: a\n',
    /pool\.yaml: nodes\[1\] \(a\): duplicate node name "a" \(also made by nodes\[0\]\)/,
  ],
  [
    'a resource name that is not one',
    'nodes:\n  - name: a\n    gpu: { resource: gpu, count: 1, product: A, memoryMiB: 1 }\n',
    /pool\.yaml: nodes\[0\] \(a\): gpu\.resource: must be a Kubernetes extended resource name/,
  ],
]) {
  test(`kube: a node pool with ${mistake} stops up, naming the file, the entry and the fix`, async t => {
    const dir = tempDir(t);
    const file = join(dir, 'pool.yaml');
    writeFileSync(file, pool);
    const result = await up(
      dir,
      { ...(await ports()), MLP_KUBE_NODE_POOL: file },
      'kube',
    );
    assertFailedCleanly(result, dir, pattern);
    assert.match(result.stderr, new RegExp(`${file}: `));
    assert.match(result.stderr, /kube: fix the node pool file/);
    assert.equal(existsSync(join(dir, 'kube', 'etcd.log')), false);
  });
}

test('postgres: a broken data folder names the service, its log and the fix', async t => {
  const dir = tempDir(t);
  const data = join(dir, 'postgres', 'data');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'PG_VERSION'), '7\n');
  chmodSync(data, 0o700);
  if (process.getuid() === 0)
    execFileSync('chown', ['-R', 'postgres', join(dir, 'postgres')]);
  const result = await up(dir, await ports(), 'postgres');
  assertFailedCleanly(
    result,
    dir,
    new RegExp(
      `postgres: failed to start; see ${dir}/postgres/server.log \\(a broken data folder`,
    ),
  );
});

test('bringing up some services keeps what services.env says of the others', async t => {
  const dir = tempDir(t);
  writeFileSync(
    join(dir, 'services.env'),
    'MLP_POSTGRES_URL=postgresql://kept\nMLP_MLFLOW_URL=http://replaced\n',
  );
  // An external MLflow: nothing starts, only its line is rewritten.
  const result = await up(
    dir,
    { MLP_MLFLOW_URL: 'http://mlflow.example:5000' },
    'mlflow',
  );
  assert.equal(result.status, 0, result.stderr);
  assert.equal(
    readFileSync(join(dir, 'services.env'), 'utf8'),
    'MLP_POSTGRES_URL=postgresql://kept\nMLP_MLFLOW_URL=http://mlflow.example:5000\n',
  );
  assert.match(
    readFileSync(join(dir, 'app-config.services.yaml'), 'utf8'),
    /baseUrl: http:\/\/mlflow.example:5000/,
  );
});

test('bringing up a postgres that is already up keeps its URL in services.env', async t => {
  const dir = tempDir(t);
  const env = await ports();
  t.after(() =>
    execFileSync('bash', [
      join(root, 'scripts/services/postgres.sh'),
      'stop',
      join(dir, 'postgres'),
    ]),
  );
  const url = `MLP_POSTGRES_URL=postgresql://postgres:postgres@127.0.0.1:${env.MLP_POSTGRES_PORT}/postgres\n`;
  const first = await up(dir, env, 'postgres');
  assert.equal(first.status, 0, first.stderr);
  assert.equal(readFileSync(join(dir, 'services.env'), 'utf8'), url);
  // The second time nothing starts, and the line must still be there.
  const second = await up(dir, env, 'postgres');
  assert.equal(second.status, 0, second.stderr);
  assert.equal(readFileSync(join(dir, 'services.env'), 'utf8'), url);
});
