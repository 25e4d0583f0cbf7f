import * as k8s from '@kubernetes/client-node';
import https from 'node:https';
import { KubeApiError, KubeUnreachableError } from './errors';
import { KubeCluster } from './clusterConfig';

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

  constructor(cluster: KubeCluster) {
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
    const { method, path, what, body } = request;
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
      timeout: 30_000,
    };
    await this.kc.applyToHTTPSOptions(options);
    const url = new URL(`${this.server}${path}`);
    this.requestCount += 1;
    let status: number;
    let text: string;
    try {
      ({ status, text } = await new Promise<{ status: number; text: string }>(
        (resolve, reject) => {
          const req = https.request(url, options, res => {
            let data = '';
            res.setEncoding('utf8');
            res.on('data', chunk => (data += chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, text: data }),
            );
            res.on('error', reject);
          });
          req.on('timeout', () =>
            req.destroy(new Error('no answer within 30 s')),
          );
          req.on('error', reject);
          // JSON is YAML: an apply patch goes as JSON, byte for byte what the caller built.
          req.end(body !== undefined ? JSON.stringify(body) : undefined);
        },
      ));
    } catch (error) {
      const cause = error as NodeJS.ErrnoException;
      throw new KubeUnreachableError(
        `Could not ${what}: the Kubernetes API server at ${
          this.server
        } did not answer (${
          cause.code ?? cause.message
        }). Check that the cluster is up and kubernetes.clusterLocatorMethods points at it.`,
        cause,
      );
    }
    let json: { message?: string; reason?: string } | undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (status >= 200 && status < 300) return json as T | undefined;
    if (request.absent?.includes(status)) return undefined;
    throw new KubeApiError(
      status,
      json?.reason,
      `Kubernetes refused to ${what} (${status}${
        json?.reason ? ` ${json.reason}` : ''
      }): ${json?.message ?? text.slice(0, 300)}`,
    );
  }
}
