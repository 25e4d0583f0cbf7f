import { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubeApiError,
  KubeHttp,
  Pod,
  WatchEvent,
} from '@internal/plugin-mlp-kube-node';
import { PodLedgerSync } from './PodLedgerSync';

const MAX_BACKOFF_MS = 60_000;

/**
 * Keeps the ledger current between resyncs by watching pods on the API server: it lists (a full
 * sync), then watches from the list's resource version and records each change as it happens.
 * When the server ends the watch it resumes from the last version seen; when that version is too
 * old (410 Gone) or the connection breaks it lists again, after a growing pause. Nothing is lost
 * in between: the list catches up on every pod, and every write is idempotent by pod UID.
 */
export class PodWatcher {
  private readonly abort = new AbortController();
  private running?: Promise<void>;
  /** The resource version to watch from; undefined: list first. */
  private version?: string;
  /** Events applied so far, for tests and logs. */
  events = 0;

  constructor(
    private readonly http: KubeHttp,
    private readonly sync: PodLedgerSync,
    private readonly logger: LoggerService,
    private readonly options: {
      minBackoffMs?: number;
      /** The server ends each watch after this long and the watcher resumes (default 300). */
      watchTimeoutSeconds?: number;
    } = {},
  ) {}

  private get watchTimeoutSeconds() {
    return this.options.watchTimeoutSeconds ?? 300;
  }

  start() {
    this.running ??= this.loop();
  }

  async stop() {
    this.abort.abort();
    await this.running;
  }

  private async onEvent(event: WatchEvent<Pod>) {
    this.version = event.object.metadata.resourceVersion ?? this.version;
    await this.sync.apply(event);
    if (event.type !== 'BOOKMARK') this.events += 1;
  }

  private async loop() {
    const signal = this.abort.signal;
    const minBackoff = this.options.minBackoffMs ?? 1000;
    let backoff = minBackoff;
    while (!signal.aborted) {
      try {
        this.version ??= (await this.sync.run()).resourceVersion;
        await this.http.watch<Pod>(
          {
            path: `/api/v1/pods?resourceVersion=${encodeURIComponent(
              this.version ?? '',
            )}&timeoutSeconds=${this.watchTimeoutSeconds}`,
            what: 'watch pods',
            // Nothing heard for a minute past the watch's end: the connection is dead.
            idleTimeoutMs: (this.watchTimeoutSeconds + 60) * 1000,
          },
          event => this.onEvent(event),
          signal,
        );
        backoff = minBackoff;
      } catch (error) {
        if (signal.aborted) break;
        // Too old to resume from: list again. Anything else: pause, then list again.
        this.version = undefined;
        if (error instanceof KubeApiError && error.status === 410) continue;
        this.logger.warn(
          `pod watch for the cost ledger broke off; listing again in ${
            backoff / 1000
          } s`,
          { error: String(error) },
        );
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>(resolve => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
