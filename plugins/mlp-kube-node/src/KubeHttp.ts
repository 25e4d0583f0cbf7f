import * as k8s from '@kubernetes/client-node';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import {
  ClusterStartingError,
  KubeApiError,
  KubeUnreachableError,
} from './errors';
import { KubeCluster } from './clusterConfig';
import {
  localClusterFailure,
  localClusterWait,
  readLocalClusterProgress,
} from './localClusterProgress';

export type KubeRequest = {
  method: 'GET' | 'PATCH' | 'POST' | 'DELETE';
  /** Path and query under the server, e.g. `/api/v1/pods?labelSelector=a%3Db`. */
  path: string;
  /** What the call does, for messages: "read ResourceQuota nlp-team/gpu-quota". */
  what: string;
  body?: unknown;
  /** Content type of the body; server-side apply by default. */
  contentType?:
    | 'application/apply-patch+yaml'
    | 'application/merge-patch+json'
    | 'application/json';
  /** Statuses that mean "not there" and answer undefined instead of throwing (e.g. 404). */
  absent?: number[];
  /** How to read a successful answer: JSON (default), or plain text such as a pod's log. */
  read?: 'json' | 'text';
};

/**
 * The one path every call to the Kubernetes API server takes. Bodies go over the wire exactly as
 * written: client-node's typed models would re-serialise them and silently drop fields they
 * spell differently (a LimitRange's `default` is `_default` there), so client-node provides the
 * connection settings (server, CA, token) only. API errors become typed errors that say what
 * failed and where.
 */
export class KubeHttp {
  private readonly kc = new k8s.KubeConfig();
  /** Where the API server is, for messages. */
  readonly server: string;
  /** Calls made so far: the bench and the cache tests count them. */
  requestCount = 0;
  private readonly progressFile?: string;

  constructor(cluster: KubeCluster) {
    this.progressFile = cluster.progressFile;
    this.kc.loadFromOptions({
      clusters: [
        {
          name: cluster.name,
          server: cluster.url,
          caFile: cluster.caFile,
          caData: cluster.caData,
          skipTLSVerify: cluster.skipTLSVerify ?? false,
        },
      ],
      users: [{ name: 'mlp-portal', token: cluster.serviceAccountToken }],
      contexts: [
        { name: 'mlp-portal', cluster: cluster.name, user: 'mlp-portal' },
      ],
      currentContext: 'mlp-portal',
    });
    this.server = cluster.url.replace(/\/$/, '');
  }

  async request<T>(request: KubeRequest): Promise<T | undefined> {
    const res = await this.open(request);
    const text = await new Promise<string>((resolve, reject) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', chunk => (data += chunk));
      res.on('end', () => resolve(data));
      res.on('error', error => reject(this.unreachable(request.what, error)));
    });
    const status = res.statusCode ?? 0;
    if (status >= 200 && status < 300) {
      return (request.read === 'text' ? text : parse(text)) as T | undefined;
    }
    if (request.absent?.includes(status)) return undefined;
    throw this.refused(request.what, status, text);
  }

  /**
   * Watches a collection (`path` without `watch=1`), calling `onEvent` for each event in order.
   * Resolves when the server ends the watch (its timeout) or `signal` aborts; a watch the server
   * refuses (410 Gone for a resource version too old) or that breaks off throws a typed error.
   */
  async watch<T>(
    request: Omit<KubeRequest, 'method' | 'body' | 'contentType' | 'absent'> & {
      /** A connection silent this long is taken for dead (default 6 minutes). */
      idleTimeoutMs?: number;
    },
    onEvent: (event: WatchEvent<T>) => Promise<void> | void,
    signal?: AbortSignal,
  ): Promise<void> {
    const separator = request.path.includes('?') ? '&' : '?';
    const res = await this.open(
      {
        what: request.what,
        method: 'GET',
        path: `${request.path}${separator}watch=1&allowWatchBookmarks=true`,
        timeoutMs: request.idleTimeoutMs ?? 360_000,
      },
      signal,
    );
    const status = res.statusCode ?? 0;
    res.setEncoding('utf8');
    if (status < 200 || status >= 300) {
      let text = '';
      for await (const chunk of res) text += chunk;
      throw this.refused(request.what, status, text);
    }
    let buffer = '';
    try {
      for await (const chunk of res) {
        buffer += chunk;
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          if (line) {
            const event = parse(line) as WatchEvent<T> | undefined;
            if (!event?.type) {
              throw new KubeApiError(
                0,
                undefined,
                `Could not ${
                  request.what
                }: the watch sent a line that is not an event: ${line.slice(
                  0,
                  200,
                )}`,
              );
            }
            if (event.type === 'ERROR') {
              const object = event.object as {
                code?: number;
                reason?: string;
                message?: string;
              };
              throw new KubeApiError(
                object.code ?? 0,
                object.reason,
                `Kubernetes ended the watch to ${request.what} (${
                  object.code ?? '?'
                } ${object.reason ?? ''}): ${object.message ?? ''}`,
              );
            }
            await onEvent(event);
          }
          newline = buffer.indexOf('\n');
        }
      }
    } catch (error) {
      if (signal?.aborted) return;
      if (error instanceof KubeApiError) throw error;
      throw this.unreachable(request.what, error as Error);
    }
  }

  /** Sends a request and answers the response once its head arrived: every call goes here. */
  private async open(
    request: KubeRequest & { timeoutMs?: number },
    signal?: AbortSignal,
  ): Promise<IncomingMessage> {
    const { method, path, what, body } = request;
    const timeoutMs = request.timeoutMs ?? 30_000;
    const options: https.RequestOptions = {
      method,
      headers: {
        Accept: 'application/json',
        ...(body !== undefined
          ? {
              'Content-Type':
                request.contentType ?? 'application/apply-patch+yaml',
            }
          : {}),
      },
      ...(timeoutMs > 0 ? { timeout: timeoutMs } : {}),
      signal,
    };
    try {
      await this.kc.applyToHTTPSOptions(options);
    } catch (error) {
      throw this.unreachable(what, error as Error);
    }
    const url = new URL(`${this.server}${path}`);
    this.requestCount += 1;
    try {
      return await new Promise<IncomingMessage>((resolve, reject) => {
        const req = https.request(url, options, resolve);
        req.on('timeout', () =>
          req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)),
        );
        req.on('error', reject);
        // JSON is YAML: an apply patch goes as JSON, byte for byte what the caller built.
        req.end(body !== undefined ? JSON.stringify(body) : undefined);
      });
    } catch (error) {
      throw this.unreachable(what, error as Error);
    }
  }

  private unreachable(what: string, error: Error) {
    const cause = error as NodeJS.ErrnoException;
    // The local cluster's first start builds it for minutes: that is a wait, not a fault.
    const progress = this.progressFile
      ? readLocalClusterProgress(this.progressFile)
      : undefined;
    const wait = progress && localClusterWait(progress, Date.now());
    if (wait) return new ClusterStartingError(`Could not ${what}: ${wait}`);
    const failure = progress && localClusterFailure(progress);
    if (failure)
      return new KubeUnreachableError(`Could not ${what}: ${failure}`);
    return new KubeUnreachableError(
      `Could not ${what}: the Kubernetes API server at ${
        this.server
      } did not answer (${
        cause.code ?? cause.message
      }). Check that the cluster is up and kubernetes.clusterLocatorMethods points at it.`,
      cause,
    );
  }

  private refused(what: string, status: number, text: string) {
    const json = parse(text) as
      | { message?: string; reason?: string }
      | undefined;
    return new KubeApiError(
      status,
      json?.reason,
      `Kubernetes refused to ${what} (${status}${
        json?.reason ? ` ${json.reason}` : ''
      }): ${json?.message ?? text.slice(0, 300)}`,
    );
  }
}

/** One event of a watch. BOOKMARK events carry only the resource version to resume from. */
export type WatchEvent<T> = {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
};

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
