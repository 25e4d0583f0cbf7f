// End-to-end: `mlp login` as a scientist does it, with the real mlp command line (sdk/python)
// and the portal started by scripts/start.sh. mlp prints the approval address; Chromium, signed
// in as the guest (amira.haddad), approves on the portal's consent page; the browser brings the
// code back to mlp on 127.0.0.1. Then: mlp works, renews its expired access token by itself,
// the auth database holds only a hash of the refresh token, the CLI access page lists the
// login with its computer, and revoking it there ends it (exit code 3, one line). A keeper's
// login acts as the keeper; the keeper revokes the scientist's login on the page; mlp logout
// revokes on the portal.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { api, BACKEND_URL, eventually, guestToken } from './api.mjs';
import { launch, launchAs, signIn, step } from './browser.mjs';

const SHOTS = 'test-results/e2e';
mkdirSync(SHOTS, { recursive: true });
const AUTH_DB = 'data/e2e/sqlite/auth.sqlite';

let home;
before(async () => {
  home = mkdtempSync(join(tmpdir(), 'mlp-login-'));
  // A token's teams are those of the user's latest sign-in: wait until the catalog has the
  // guest's team (right after start it may not have read the org's groups yet).
  const teams = await eventually(async () => {
    const { token } = await guestToken();
    const me = await api('/api/gpu-quota/me', { token });
    return me.json?.teams?.includes('nlp-team') && me.json.teams;
  });
  assert.ok(teams, 'the guest belongs to nlp-team');
});
after(() => {
  rmSync(home, { recursive: true, force: true });
});

/** Runs mlp from the checkout with its own config folder; `onOutput` sees stdout as it comes. */
function mlp(args, { onOutput, configHome = home } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-m', 'mlp', ...args], {
      env: {
        ...process.env,
        PYTHONPATH: 'sdk/python',
        XDG_CONFIG_HOME: configHome,
        MLP_PORTAL_URL: '',
        MLP_TOKEN: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => {
      stdout += d;
      onOutput?.(stdout);
    });
    child.stderr.on('data', d => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', code => resolve({ code, stdout, stderr }));
  });
}

const configFile = (configHome = home) =>
  join(configHome, 'mlp', 'config.json');
const stored = (configHome = home) =>
  JSON.parse(readFileSync(configFile(configHome), 'utf8'));

/** `mlp login` approved in Chromium by whoever `browser` is signed in as. */
async function loginApprovedIn(browser, name, configHome = home) {
  const page = await browser.context.newPage();
  let approvalUrl;
  let sawUrl;
  const urlShown = new Promise(resolve => {
    sawUrl = resolve;
  });
  const login = mlp(['login', '--url', BACKEND_URL, '--no-browser'], {
    configHome,
    onOutput: out => {
      const match = out.match(/Approve mlp in the portal: (\S+)/);
      if (match && !approvalUrl) {
        approvalUrl = match[1];
        sawUrl();
      }
    },
  });
  await Promise.race([
    urlShown,
    login.then(r => {
      throw new Error(`mlp login ended early: ${JSON.stringify(r)}`);
    }),
  ]);
  await step(
    page,
    name,
    async () => {
      await signIn(page, approvalUrl);
      await page
        .getByText('mlp, the ML Platform command line')
        .first()
        .waitFor({ timeout: 60_000 });
      await page.screenshot({ path: `${SHOTS}/${name}-consent.png` });
      await page.getByRole('button', { name: 'Authorize' }).click();
      await page
        .getByRole('heading', { name: 'mlp is logged in' })
        .waitFor({ timeout: 30_000 });
    },
    SHOTS,
  );
  await page.close();
  return login;
}

const escape = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The next command after a revocation: exit code 3 and one line, even with a valid-looking file. */
async function assertEnded(configHome) {
  const file = JSON.parse(readFileSync(configFile(configHome), 'utf8'));
  writeFileSync(
    configFile(configHome),
    JSON.stringify({ ...file, token: 'expired', expires_at: 0 }),
  );
  const ended = await mlp(['quota'], { configHome });
  assert.equal(ended.code, 3, JSON.stringify(ended));
  assert.equal(
    ended.stderr.trim(),
    'mlp: error: your mlp login was revoked or has expired: run mlp login',
  );
}

describe('mlp login in the browser', () => {
  test('approve once; mlp works, renews itself, keeps only a hash on the portal, and ends when revoked on the page', async t => {
    const browser = await launch();
    t.after(() => browser.close());
    const result = await loginApprovedIn(browser, 'cli-login');
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /Logged in to \S+ as user:default\/amira\.haddad \(teams: nlp-team\)/,
    );
    const first = stored();
    assert.ok(first.refresh_token, 'a refresh token is stored');
    assert.equal(first.user, 'user:default/amira.haddad');
    const claims = JSON.parse(
      Buffer.from(first.token.split('.')[1], 'base64url').toString(),
    );
    assert.equal(claims.sub, 'user:default/amira.haddad');

    const quota = await mlp(['quota', '--team', 'nlp-team']);
    assert.equal(quota.code, 0, quota.stderr);
    assert.match(quota.stdout, /nvidia\.com\/gpu/);

    // The access token has expired (as it does after an hour): mlp renews it by itself.
    writeFileSync(
      configFile(),
      JSON.stringify({ ...first, token: 'expired', expires_at: 0 }),
    );
    const renewed = await mlp(['quota', '--team', 'nlp-team']);
    assert.equal(renewed.code, 0, renewed.stderr);
    const second = stored();
    assert.notEqual(second.token, 'expired');
    assert.notEqual(second.refresh_token, first.refresh_token, 'rotated');
    assert.ok(second.expires_at * 1000 > Date.now());

    // The auth database keeps the login as an offline session with a salted hash only.
    const db = new Database(AUTH_DB, { readonly: true });
    let rows;
    try {
      rows = db
        .prepare(
          'SELECT id, user_entity_ref, token_hash FROM offline_sessions WHERE user_entity_ref = ?',
        )
        .all('user:default/amira.haddad');
    } finally {
      db.close();
    }
    const [sessionId, secret] = second.refresh_token.split('.');
    const row = rows.find(r => r.id === sessionId);
    assert.ok(row, `session ${sessionId} in ${JSON.stringify(rows)}`);
    assert.ok(!row.token_hash.includes(secret), 'no clear refresh token');
    assert.notEqual(row.token_hash, second.refresh_token);
    assert.match(row.token_hash, /^[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);

    // The CLI access page lists the login with this computer; revoking it there ends it.
    const page = await browser.context.newPage();
    await step(
      page,
      'cli-access-revoke',
      async () => {
        await signIn(page, '/cli-access');
        const row = page.getByTestId(`cli-session-${sessionId}`);
        await row.waitFor({ timeout: 60_000 });
        assert.match(
          await row.innerText(),
          /mlp, the ML Platform command line/,
        );
        assert.match(await row.innerText(), new RegExp(escape(hostname())));
        await page.screenshot({ path: `${SHOTS}/cli-access-page.png` });
        await row.getByRole('button', { name: 'Revoke' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('button', { name: 'Revoke' }).click();
        await page
          .getByText(/: it stops working at once\./)
          .waitFor({ timeout: 30_000 });
        await row.waitFor({ state: 'detached' });
      },
      SHOTS,
    );
    await page.close();
    await assertEnded(home);
  });

  test("a keeper's login acts as the keeper; the keeper revokes the scientist's on the page; logout revokes", async () => {
    const keeperHome = mkdtempSync(join(tmpdir(), 'mlp-login-keeper-'));
    const scientist = await launch();
    const keeper = await launchAs('morgan.lee');
    try {
      const mine = await loginApprovedIn(scientist, 'cli-login-again');
      assert.equal(mine.code, 0, mine.stderr);
      const sessionId = stored().refresh_token.split('.')[0];

      const theirs = await loginApprovedIn(
        keeper,
        'cli-login-keeper',
        keeperHome,
      );
      assert.equal(theirs.code, 0, theirs.stderr);
      assert.match(theirs.stdout, /as user:default\/morgan\.lee /);
      const claims = JSON.parse(
        Buffer.from(
          stored(keeperHome).token.split('.')[1],
          'base64url',
        ).toString(),
      );
      assert.equal(claims.sub, 'user:default/morgan.lee');
      assert.notEqual(stored(keeperHome).refresh_token, stored().refresh_token);

      const page = await keeper.context.newPage();
      await step(
        page,
        'cli-access-keeper-revokes',
        async () => {
          await signIn(page, '/cli-access');
          await page
            .getByRole('checkbox', { name: "Everyone's (platform keepers)" })
            .check();
          const row = page.getByTestId(`cli-session-${sessionId}`);
          await row.waitFor({ timeout: 60_000 });
          assert.match(await row.innerText(), /amira\.haddad/);
          await page.screenshot({ path: `${SHOTS}/cli-access-keeper.png` });
          await row.getByRole('button', { name: 'Revoke' }).click();
          await page
            .getByRole('dialog')
            .getByRole('button', { name: 'Revoke' })
            .click();
          await page
            .getByText(/ of amira\.haddad: it stops working at once\./)
            .waitFor({ timeout: 30_000 });
        },
        SHOTS,
      );
      await assertEnded(home);

      // mlp logout revokes on the portal: a copy of the keeper's file is no use afterwards.
      const copy = readFileSync(configFile(keeperHome), 'utf8');
      const logout = await mlp(['logout'], { configHome: keeperHome });
      assert.equal(logout.code, 0, logout.stderr);
      assert.match(logout.stdout, /Revoked the login/);
      writeFileSync(configFile(keeperHome), copy);
      await assertEnded(keeperHome);
    } finally {
      await scientist.close();
      await keeper.close();
      rmSync(keeperHome, { recursive: true, force: true });
    }
  });

  test('a keeper makes a service token for a CI service account; mlp signs in with it until it is revoked', async () => {
    const keeper = await launchAs('morgan.lee');
    const page = await keeper.context.newPage();
    let token;
    const asService = (args, code) =>
      new Promise((resolve, reject) => {
        const child = spawn('python3', args, {
          env: {
            ...process.env,
            PYTHONPATH: 'sdk/python',
            XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'mlp-service-')),
            MLP_PORTAL_URL: BACKEND_URL,
            MLP_SERVICE_TOKEN: token,
            MLP_TOKEN: '',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', d => (out += d));
        child.stderr.on('data', d => (err += d));
        child.on('error', reject);
        child.on('close', c => {
          if (code !== undefined && c !== code) {
            reject(new Error(`exit ${c}, wanted ${code}: ${out} ${err}`));
          } else {
            resolve({ code: c, out, err });
          }
        });
      });
    try {
      await step(
        page,
        'service-token-make',
        async () => {
          await signIn(page, '/cli-access');
          await page.getByRole('button', { name: 'New service token' }).click();
          const dialog = page.getByRole('dialog');
          await dialog.getByLabel('Acts as user').fill('user:default/nlp-ci');
          await dialog.getByLabel('Name').fill('e2e pipeline');
          await dialog.getByRole('button', { name: 'Make token' }).click();
          token = (
            await page.getByTestId('new-service-token').innerText()
          ).trim();
          await page.screenshot({ path: `${SHOTS}/service-token-made.png` });
        },
        SHOTS,
      );
      assert.match(token, /^mlpst_/);

      const who = await asService(
        [
          '-c',
          "from mlp import Client; print(Client().me()['userEntityRef'], Client().me()['teams'])",
        ],
        0,
      );
      assert.match(who.out, /^user:default\/nlp-ci \['nlp-team'\]/);
      const quota = await asService(
        ['-m', 'mlp', 'quota', '--team', 'nlp-team'],
        0,
      );
      assert.match(quota.out, /nvidia\.com\/gpu/);

      await step(
        page,
        'service-token-revoke',
        async () => {
          const row = page
            .getByRole('table', { name: 'Service tokens' })
            .getByRole('row')
            .filter({ hasText: 'e2e pipeline' });
          await page.reload();
          await row.waitFor({ timeout: 30_000 });
          assert.doesNotMatch(await row.innerText(), /never/);
          await row.getByRole('button', { name: 'Revoke' }).click();
          await page
            .getByRole('dialog')
            .getByRole('button', { name: 'Revoke' })
            .click();
          await page
            .getByText(
              'Revoked the service token e2e pipeline: it stops working at once.',
            )
            .waitFor({ timeout: 30_000 });
        },
        SHOTS,
      );
      const ended = await asService(
        ['-m', 'mlp', 'quota', '--team', 'nlp-team'],
        3,
      );
      assert.equal(
        ended.err.trim(),
        'mlp: error: the portal refused the service token (the service token was revoked or never existed: ask a platform keeper for a new one); check MLP_SERVICE_TOKEN',
      );
    } finally {
      await keeper.close();
    }
  });
});
