import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConfigText } from './check-config.mjs';

const root = join(import.meta.dirname, '..');

test('the shipped configs are valid', () => {
  for (const file of [
    'app-config.yaml',
    'app-config.production.yaml',
    'e2e/app-config.e2e.yaml',
  ]) {
    assert.deepEqual(
      checkConfigText(file, readFileSync(join(root, file), 'utf8')),
      [],
    );
  }
});

test('a wrong value names the file, the key and what is expected', () => {
  const problems = checkConfigText(
    'app-config.local.yaml',
    'backend:\n  listen:\n    port: seventy\n',
  );
  assert.deepEqual(problems, [
    'app-config.local.yaml: backend.listen.port: a port number between 1 and 65535, such as 7007 (got "seventy")',
  ]);
});

test('broken YAML names the file, line and column', () => {
  const problems = checkConfigText(
    'app-config.local.yaml',
    'catalog:\n  locations: [\n    - bad\n',
  );
  assert.ok(problems.length >= 1);
  assert.equal(
    problems[0],
    'app-config.local.yaml: line 3, column 5: invalid YAML: Block collections are not allowed within flow collections',
  );
});

test('unknown database clients and admin groups that are not group refs are refused', () => {
  const problems = checkConfigText(
    'x.yaml',
    'backend:\n  database:\n    client: mysql\npermission:\n  adminGroups: ["not a ref!"]\n',
  );
  assert.equal(problems.length, 2);
  assert.equal(
    problems[0],
    'x.yaml: backend.database.client: better-sqlite3 (embedded, default) or pg (PostgreSQL) (got "mysql")',
  );
  assert.match(
    problems[1],
    /^x\.yaml: permission\.adminGroups\.0: a group ref such as group:default\/platform-team/,
  );
});

test('GPU quota settings must be positive numbers and a group ref', () => {
  const problems = checkConfigText(
    'x.yaml',
    'gpuQuota:\n  cacheMaxAgeSeconds: fifteen\n  expiryCheckSeconds: 0\n  keepersGroup: platform-team\n',
  );
  assert.deepEqual(problems, [
    'x.yaml: gpuQuota.cacheMaxAgeSeconds: a number of seconds above 0, such as 15 (got "fifteen")',
    'x.yaml: gpuQuota.expiryCheckSeconds: a number of seconds above 0, such as 300 (got 0)',
    'x.yaml: gpuQuota.keepersGroup: a group ref such as group:default/platform-team (got "platform-team")',
  ]);
});

test('GPU cost settings: a currency code, and rates that are amounts of 0 or more', () => {
  const problems = checkConfigText(
    'x.yaml',
    'cost:\n  currency: euro\n  gpuRates:\n    - resource: nvidia.com/gpu\n      hourlyRate: -2\n  defaultGpuHourlyRate: cheap\n',
  );
  assert.deepEqual(problems, [
    'x.yaml: cost.currency: an ISO 4217 currency code such as EUR or USD (got "euro")',
    'x.yaml: cost.gpuRates.0.hourlyRate: an amount per GPU-hour, 0 or more, such as 2.5 (got -2)',
    'x.yaml: cost.defaultGpuHourlyRate: an amount per GPU-hour, 0 or more, such as 2.5 (got "cheap")',
  ]);
});

test('GPU cost source: ledger or opencost, and OpenCost needs an address', () => {
  assert.deepEqual(
    checkConfigText('x.yaml', 'cost:\n  source: kubecost\n  syncSeconds: 0\n'),
    [
      'x.yaml: cost.source: ledger (the portal watches pods) or opencost (got "kubecost")',
      'x.yaml: cost.syncSeconds: a number of seconds above 0, such as 30 (got 0)',
    ],
  );
  assert.deepEqual(
    checkConfigText(
      'x.yaml',
      'cost:\n  source: opencost\n  opencost:\n    baseUrl: opencost:9003\n',
    ),
    [
      'x.yaml: cost.opencost.baseUrl: OpenCost\'s API address, such as http://opencost.opencost:9003 (got "opencost:9003")',
    ],
  );
});

test('Coder: an address, and a token key of 32 bytes in base64 or from the environment', () => {
  assert.deepEqual(
    checkConfigText(
      'x.yaml',
      'coder:\n  baseUrl: coder.example.com\n  tokenEncryptionKey: c2hvcnQ=\n',
    ),
    [
      'x.yaml: coder.baseUrl: Coder\'s address, such as https://coder.example.com (got "coder.example.com")',
      'x.yaml: coder.tokenEncryptionKey: 32 random bytes in base64; make one with: openssl rand -base64 32 (got "c2hvcnQ=")',
    ],
  );
  assert.deepEqual(
    checkConfigText(
      'x.yaml',
      'coder:\n  baseUrl: https://coder.example.com\n  tokenEncryptionKey: ${CODER_TOKEN_ENCRYPTION_KEY}\n',
    ),
    [],
  );
});

test('the start command refuses a broken config before starting anything', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlp-config-'));
  const broken = join(dir, 'broken.yaml');
  writeFileSync(broken, 'catalog:\n  locations: 5\n');
  const run = spawnSync(
    'bash',
    [
      join(root, 'scripts/start.sh'),
      '--config',
      'app-config.yaml',
      '--config',
      broken,
    ],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  assert.equal(run.status, 1, run.stderr);
  assert.match(
    run.stderr,
    /The portal cannot start: 1 problem\(s\) in its configuration/,
  );
  assert.match(
    run.stderr,
    new RegExp(
      `${broken}: catalog\\.locations: a list of \\{ type: file\\|url, target: path-or-url \\} \\(got 5\\)`,
    ),
  );
});
