// Small HTTP helpers for tests that talk to a running backend.
export const BACKEND_URL =
  process.env.E2E_BACKEND_URL ?? 'http://localhost:7007';

/** A token for the configured guest user, as the frontend gets it at sign-in. */
export async function guestToken(base = BACKEND_URL) {
  const res = await fetch(`${base}/api/auth/guest/refresh`);
  if (!res.ok)
    throw new Error(
      `guest sign-in failed: HTTP ${res.status} ${await res.text()}`,
    );
  const body = await res.json();
  return body.backstageIdentity;
}

export async function api(
  path,
  { token, method = 'GET', body, base = BACKEND_URL } = {},
) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** Polls `fn` until it returns a truthy value or the time is up; returns the last value. */
export async function eventually(
  fn,
  { timeoutMs = 120_000, intervalMs = 3_000 } = {},
) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last || Date.now() > deadline) return last;
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

/**
 * The guest's token (amira.haddad, a data scientist of nlp-team), once the catalog has read her
 * team: until then her identity has no group.
 */
export async function nlpScientistToken(base = BACKEND_URL) {
  const id = await eventually(async () => {
    const guest = await guestToken(base);
    return guest.identity.ownershipEntityRefs.includes('group:default/nlp-team')
      ? guest
      : undefined;
  });
  if (!id) throw new Error('the guest never became a member of nlp-team');
  return id.token;
}

/**
 * A token for another catalog user, signed in the way an oauth2-proxy in front of the portal
 * does it (X-Forwarded-User); e2e/app-config.e2e.yaml enables that provider.
 */
export async function proxiedUserToken(user, base = BACKEND_URL) {
  const res = await fetch(`${base}/api/auth/oauth2Proxy/refresh`, {
    headers: { 'X-Forwarded-User': user, 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok)
    throw new Error(
      `sign-in as ${user} failed: HTTP ${res.status} ${await res.text()}`,
    );
  return (await res.json()).backstageIdentity;
}

/** Runs a template through the scaffolder API as the token's user; answers its status and log. */
export async function runTemplate(token, template, values) {
  const created = await api('/api/scaffolder/v2/tasks', {
    token,
    method: 'POST',
    body: { templateRef: `template:default/${template}`, values },
  });
  if (created.status !== 201) {
    throw new Error(`template ${template} not started: ${created.text}`);
  }
  const task = await eventually(
    async () => {
      const t = await api(`/api/scaffolder/v2/tasks/${created.json.id}`, {
        token,
      });
      return (
        ['completed', 'failed', 'cancelled'].includes(t.json.status) && t.json
      );
    },
    { timeoutMs: 180_000, intervalMs: 1_000 },
  );
  const events = await api(
    `/api/scaffolder/v2/tasks/${created.json.id}/events`,
    {
      token,
    },
  );
  const log = events.json
    .map(e => e.body.message)
    .filter(Boolean)
    .join('\n');
  return { status: task?.status, log };
}
