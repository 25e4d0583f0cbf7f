import {
  KubeApiError,
  KubeCluster,
  KubeHttp,
} from '@internal/plugin-mlp-kube-node';
import { describeRef, KubeObject, KubeObjects, ObjectRef } from './types';

type Resource = { name: string; namespaced: boolean };

/** KubeObjects over the API server's REST API, through the portal's one request path. */
export class HttpKubeObjects implements KubeObjects {
  private readonly http: KubeHttp;
  private readonly resources = new Map<
    string,
    Promise<Map<string, Resource>>
  >();
  readonly server: string;

  constructor(cluster: KubeCluster) {
    this.http = new KubeHttp(cluster);
    this.server = this.http.server;
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

  private request(
    method: 'GET' | 'PATCH',
    path: string,
    what: string,
    body?: unknown,
    absent: number[] = [],
  ): Promise<unknown> {
    return this.http.request<unknown>({ method, path, what, body, absent });
  }
}
