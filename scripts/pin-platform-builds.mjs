#!/usr/bin/env node
// The registry here is a partial mirror: the newest platform builds of some native packages
// (e.g. @swc/core-darwin-arm64) are missing, and yarn refuses to resolve a parent whose optional
// platform packages cannot be found, even on Linux. This script pins each such parent, through the
// root package.json `resolutions`, to the newest version (in the same major as the newest
// published one) whose platform builds all exist. Run it again after an upgrade:
//   node scripts/pin-platform-builds.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// Parents whose optionalDependencies are per-platform binary builds.
const PARENTS = [
  '@swc/core',
  'rollup',
  'unrs-resolver',
  'esbuild',
  '@parcel/watcher',
  'lightningcss',
];

// Releases that were published broken for installation from a registry; pinned to the previous one.
const BROKEN = {
  // 4.9.2 depends on `got` through a `patch:` path into its own repository's .yarn/patches.
  '@yarnpkg/core': { broken: '4.9.2', use: '4.9.1' },
};

const registry = (
  process.env.YARN_NPM_REGISTRY_SERVER ||
  process.env.MLP_NPM_REGISTRY ||
  ''
).replace(/\/$/, '');
if (!registry) {
  console.error(
    'pin-platform-builds: no registry; run through scripts/env.sh (it reads `npm config get registry`)',
  );
  process.exit(2);
}

const packuments = new Map();
async function packument(name) {
  if (!packuments.has(name)) {
    const url = `${registry}/${name.replace('/', '%2f')}`;
    packuments.set(
      name,
      fetch(url, {
        headers: { accept: 'application/vnd.npm.install-v1+json' },
      }).then(async res => {
        if (res.status === 404) return undefined;
        if (!res.ok) throw new Error(`GET ${name}: HTTP ${res.status}`);
        return res.json();
      }),
    );
  }
  return packuments.get(name);
}

const parse = v => v.split(/[.+-]/).slice(0, 3).map(Number);
const cmp = (a, b) => {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
};

async function complete(doc, version) {
  const optional = doc.versions[version].optionalDependencies ?? {};
  for (const [dep, range] of Object.entries(optional)) {
    if (!/^\d+\.\d+\.\d+$/.test(range)) continue; // only exact pins are platform builds
    const d = await packument(dep);
    if (!d || !d.versions[range]) return false;
  }
  return true;
}

async function pick(name) {
  const doc = await packument(name);
  if (!doc) return undefined;
  const latest = doc['dist-tags'].latest;
  const stable = Object.keys(doc.versions)
    .filter(
      v =>
        /^\d+\.\d+\.\d+$/.test(v) &&
        parse(v)[0] === parse(latest)[0] &&
        cmp(v, latest) <= 0,
    )
    .sort(cmp)
    .reverse();
  for (const v of stable)
    if (await complete(doc, v)) return { latest, version: v };
  return undefined;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgPath = join(root, 'package.json');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
pkg.resolutions ??= {};
let changed = false;
for (const name of PARENTS) {
  const found = await pick(name);
  if (!found) continue;
  if (found.version === found.latest) {
    // Nothing missing: let dependents' own ranges decide.
    console.log(
      `${name}: not pinned (latest ${found.latest} has every platform build)`,
    );
    if (name in pkg.resolutions) {
      delete pkg.resolutions[name];
      changed = true;
    }
    continue;
  }
  console.log(
    `${name}: pinned to ${found.version} (latest ${found.latest} lacks platform builds)`,
  );
  if (pkg.resolutions[name] !== found.version) {
    pkg.resolutions[name] = found.version;
    changed = true;
  }
}
for (const [name, { broken, use }] of Object.entries(BROKEN)) {
  const doc = await packument(name);
  if (doc?.['dist-tags'].latest !== broken) continue;
  console.log(`${name}: pinned to ${use} (${broken} is published broken)`);
  if (pkg.resolutions[name] !== use) {
    pkg.resolutions[name] = use;
    changed = true;
  }
}
if (process.argv.includes('--check')) {
  process.exit(changed ? 1 : 0);
}
if (changed) writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
console.log(
  changed ? 'package.json resolutions updated' : 'resolutions already current',
);
