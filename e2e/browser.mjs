// Headless Debian Chromium driven by playwright-core: shared by the e2e tests, the bench and the
// README screenshot. No browser is downloaded; CHROMIUM_PATH overrides /usr/bin/chromium.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKEND_URL } from './api.mjs';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://localhost:3000';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts Chromium with a fresh profile; `close()` removes the profile again. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'mlp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Starts Chromium for another catalog user: the guest sign-in the app offers is answered with
 * that user's identity through the oauth2-proxy provider (e2e/app-config.e2e.yaml enables it),
 * as an oauth2-proxy in front of the portal would sign them in.
 */
export async function launchAs(user) {
  const browser = await launch();
  await browser.context.route('**/api/auth/guest/refresh*', async route => {
    const response = await route.fetch({
      url: `${BACKEND_URL}/api/auth/oauth2Proxy/refresh`,
      headers: {
        ...route.request().headers(),
        'x-forwarded-user': user,
        'x-requested-with': 'XMLHttpRequest',
      },
    });
    await route.fulfill({ response });
  });
  return browser;
}

/** Opens the portal and signs in as guest when the sign-in page shows. */
export async function signIn(page, path = '/') {
  await page.goto(new URL(path, BASE_URL).toString());
  const enter = page.getByRole('button', { name: /enter/i });
  const signedIn = page.locator('nav[aria-label="sidebar nav"]');
  await Promise.race([
    enter.waitFor({ timeout: 60_000 }),
    signedIn.first().waitFor({ state: 'attached', timeout: 60_000 }),
  ]);
  if (await enter.isVisible()) {
    await enter.click();
  }
  await signedIn.first().waitFor({ state: 'attached', timeout: 60_000 });
}

/**
 * Runs a browser step; on failure saves a full-page screenshot named after it in `dir` and adds
 * its path to the error.
 */
export async function step(page, name, fn, dir = 'test-results/e2e') {
  try {
    await fn();
  } catch (e) {
    const file = `${dir}/${name.replace(/\W+/g, '-')}.png`;
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    e.message += `\n(screenshot: ${file})`;
    throw e;
  }
}
