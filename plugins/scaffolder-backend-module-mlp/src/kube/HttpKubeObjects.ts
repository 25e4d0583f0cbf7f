import * as k8s from '@kubernetes/client-node';
import https from 'node:https';
import { KubeApiError, KubeUnreachableError } from '../errors';
import { KubeCluster } from './clusterConfig';
import { describeRef, KubeObject, KubeObjects, ObjectRef } from './types';

type Resource = { name: string; namespaced: boolean };

/**
 * KubeObjects over the API server's REST API. Manifests go over the wire exactly as written:
 * client-node's typed models would re-serialise them and silently drop fields they spell
 * differently (a LimitRange's `default` is `_default` there). client-node provides the
 * connection settings (server, CA, token) only.
 */
export class HttpKubeObjects implements KubeObjects {
  private readonly kc = new k8s.KubeConfig();
  private readonly resources = new Map<
    string,
    Promise<Map<string, Resource>>
  >();
  readonly server: string;

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

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    const path = await this.objectPath(ref);
    const response = await this.request(
      'GET',
      path,
      `read ${describeRef(ref)}`,
      undefined,
      [404],
    );
    return response as KubeObject | undefined;
  }

  async apply(
    object: KubeObject,
    options: { fieldManager: string; force: boolean },
  ) {
    const query = new URLSearchParams({
      fieldManager: options.fieldManager,
      force: String(options.force),
    });
    const path = `${await this.objectPath(object)}?${query}`;
    return (await this.request(
      'PATCH',
      path,
      `apply ${describeRef(object)}`,
      object,
    )) as KubeObject;
  }

  private async objectPath(ref: ObjectRef): Promise<string> {
    const base = ref.apiVersion.includes('/')
      ? `/apis/${ref.apiVersion}`
      : `/api/${ref.apiVersion}`;
    const resource = await this.resourceOf(ref, base);
    const ns = resource.namespaced
      ? `/namespaces/${ref.metadata.namespace ?? 'default'}`
      : '';
    return `${base}${ns}/${resource.name}/${encodeURIComponent(
      ref.metadata.name,
    )}`;
  }

  /** The plural resource name of a kind, from the API server's discovery (cached per group version). */
  private async resourceOf(ref: ObjectRef, base: string): Promise<Resource> {
    let list = this.resources.get(base);
    if (!list) {
      list = this.request(
        'GET',
        base,
        `discover ${ref.apiVersion}`,
        undefined,
        [404],
      ).then(body => {
        const found = new Map<string, Resource>();
        for (const r of (
          body as { resources?: Array<Resource & { kind: string }> } | undefined
        )?.resources ?? []) {
          if (!r.name.includes('/'))
            found.set(r.kind, { name: r.name, namespaced: r.namespaced });
        }
        return found;
      });
      this.resources.set(base, list);
      list.catch(() => this.resources.delete(base));
    }
    const resource = (await list).get(ref.kind);
    if (!resource) {
      this.resources.delete(base);
      throw new KubeApiError(
        404,
        'NotFound',
        `The cluster at ${this.server} does not serve ${ref.kind} (${ref.apiVersion}); install its CRD first`,
      );
    }
    return resource;
  }

  /** The one path every call takes: API errors become typed errors that say what failed. */
  private async request(
    method: 'GET' | 'PATCH',
    path: string,
    what: string,
    body?: unknown,
    absent: number[] = [],
  ): Promise<unknown> {
    const options: https.RequestOptions = {
      method,
      headers: {
        Accept: 'application/json',
        ...(body ? { 'Content-Type': 'application/apply-patch+yaml' } : {}),
      },
      timeout: 30_000,
    };
    await this.kc.applyToHTTPSOptions(options);
    const url = new URL(`${this.server}${path}`);
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
          // JSON is YAML: the apply patch goes as JSON, byte for byte what we built.
          req.end(body ? JSON.stringify(body) : undefined);
        },
      ));
    } catch (error) {
      const cause = error as NodeJS.ErrnoException;
      throw new KubeUnreachableError(
        `Could not ${what}: the Kubernetes API server at ${
          this.server
        } did not answer (${
          cause.code ?? cause.message
        }). Check that the cluster is up and mlp.kubernetes.cluster points at it.`,
        cause,
      );
    }
    let json: { message?: string; reason?: string } | undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (status >= 200 && status < 300) return json;
    if (absent.includes(status)) return undefined;
    throw new KubeApiError(
      status,
      json?.reason,
      `Kubernetes refused to ${what} (${status}${
        json?.reason ? ` ${json.reason}` : ''
      }): ${json?.message ?? text.slice(0, 300)}`,
    );
  }
}
