#!/usr/bin/env node
// Start-up benchmark, on a fresh clone of this repository in a temporary folder (your working
// tree, data and caches are not touched). Prints:
//   - cold set-up time: scripts/setup.sh on the fresh clone with an empty yarn cache and no
//     pip cache (everything downloaded from the registries);
//   - time from the start command to the first successful catalog API answer and to the first
//     rendered page (home page after guest sign-in, in headless Chromium);
//   - the backend's resident memory (RSS) once started;
//   - the frontend's initial JavaScript (scripts referenced by index.html of a production build),
//     raw and gzip.
// Usage: node bench/startup.mjs [--warm]   (--warm keeps the yarn cache: set-up without downloads)
import { execFileSync, spawn } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const repo = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'mlp-bench-'));
const clone = join(work, 'portal');
const warm = process.argv.includes('--warm');
const FRONTEND = 'http://localhost:3200';
const BACKEND = 'http://localhost:7207';

const seconds = ms => `${(ms / 1000).toFixed(1)} s`;
const mib = bytes => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const sleep = ms => new Promise(r => setTimeout(r, ms));

function env() {
  const e = { ...process.env, CI: '' };
  if (!warm) {
    e.YARN_GLOBAL_FOLDER = join(work, 'yarn-global');
    e.PIP_NO_CACHE_DIR = '1';
  }
  return e;
}

async function until(fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await fn()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(250);
  }
}

function listenerPid(port) {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], {
    encoding: 'utf8',
  });
  return Number(/pid=(\d+)/.exec(out)?.[1]);
}

function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

const results = [];
let portal;
try {
  execFileSync('git', ['clone', '--quiet', repo, clone]);

  let t = Date.now();
  execFileSync('bash', ['scripts/setup.sh'], {
    cwd: clone,
    env: env(),
    stdio: 'ignore',
  });
  results.push([
    `set-up, cold${warm ? ' (warm yarn cache)' : ' (empty caches)'}`,
    seconds(Date.now() - t),
  ]);

  t = Date.now();
  execFileSync('bash', ['scripts/setup.sh'], {
    cwd: clone,
    env: env(),
    stdio: 'ignore',
  });
  results.push(['set-up, repeated (nothing changed)', seconds(Date.now() - t)]);

  const config = join(work, 'bench.yaml');
  writeFileSync(
    config,
    `app: { baseUrl: ${FRONTEND} }\nbackend: { baseUrl: ${BACKEND}, listen: { port: 7207 }, cors: { origin: ${FRONTEND} } }\n`,
  );
  t = Date.now();
  portal = spawn(
    'bash',
    ['scripts/start.sh', '--config', 'app-config.yaml', '--config', config],
    {
      cwd: clone,
      env: env(),
      stdio: 'ignore',
      detached: true,
    },
  );

  let token;
  await until(async () => {
    const res = await fetch(`${BACKEND}/api/auth/guest/refresh`);
    token = (await res.json()).backstageIdentity.token;
    const models = await fetch(
      `${BACKEND}/api/catalog/entities?filter=spec.type=ml-model`,
      {
        headers: { Authorization: `Bearer ${token}` },
      },
    );
    return models.ok && (await models.json()).length >= 3;
  }, 600_000);
  results.push([
    'start -> first catalog API answer with the models',
    seconds(Date.now() - t),
  ]);

  const { launch, signIn } = await import(join(clone, 'e2e/browser.mjs'));
  await until(async () => (await fetch(FRONTEND)).ok, 600_000);
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await signIn(page, `${FRONTEND}/`);
    await page
      .getByText('Welcome to the ML Platform')
      .waitFor({ timeout: 120_000 });
    results.push([
      'start -> first page rendered (home, signed in)',
      seconds(Date.now() - t),
    ]);
  } finally {
    await browser.close();
  }

  await sleep(5_000);
  results.push(['backend RSS after start', mib(rssBytes(listenerPid(7207)))]);
  process.kill(-portal.pid, 'SIGTERM');
  portal = undefined;

  execFileSync(
    'node',
    ['.yarn/releases/yarn-4.13.0.cjs', 'workspace', 'app', 'build'],
    {
      cwd: clone,
      env: env(),
      stdio: 'ignore',
    },
  );
  const dist = join(clone, 'packages/app/dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g)].map(
    m => m[1],
  );
  let raw = 0;
  let gz = 0;
  for (const s of scripts) {
    const body = readFileSync(join(dist, s));
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  const all = readdirSync(join(dist, 'static')).filter(f =>
    f.endsWith('.js'),
  ).length;
  results.push([
    `frontend initial JS (${scripts.length} of ${all} scripts)`,
    `${mib(raw)} raw, ${mib(gz)} gzip`,
  ]);
} finally {
  if (portal) process.kill(-portal.pid, 'SIGTERM');
  for (const [name, value] of results)
    console.log(`${name.padEnd(52)} ${value}`);
  await sleep(2_000);
  rmSync(work, { recursive: true, force: true });
}
