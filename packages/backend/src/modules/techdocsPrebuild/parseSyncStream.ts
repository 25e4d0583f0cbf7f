/** Outcome of one TechDocs sync, read from the techdocs backend's event stream. */
export type SyncOutcome =
  | { ok: true; updated: boolean }
  | { ok: false; error: string };

/**
 * The techdocs `/sync` endpoint answers with server-sent events: `log` lines while MkDocs runs,
 * then a single `finish` ({ updated }) or `error` (a message).
 */
export function parseSyncStream(body: string): SyncOutcome {
  let outcome: SyncOutcome | undefined;
  for (const block of body.split(/\n\n+/)) {
    const event = /^event: (\w+)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (!event || data === undefined) continue;
    const value = JSON.parse(data);
    if (event === 'finish')
      outcome = { ok: true, updated: Boolean(value?.updated) };
    if (event === 'error') outcome = { ok: false, error: String(value) };
  }
  return (
    outcome ?? { ok: false, error: 'the sync stream ended without a result' }
  );
}
