import type { KubeObject } from '@internal/plugin-mlp-kube-node';

export type { KubeObject };

/** Which object: enough to read it. */
export type ObjectRef = Pick<KubeObject, 'apiVersion' | 'kind'> & {
  metadata: { name: string; namespace?: string };
};

/** The cluster the actions write to. One implementation talks to a real API server. */
export interface KubeObjects {
  /** The object, or undefined when it does not exist. */
  get(ref: ObjectRef): Promise<KubeObject | undefined>;
  /** Server-side apply under a field manager. */
  apply(
    object: KubeObject,
    options: { fieldManager: string; force: boolean },
  ): Promise<KubeObject>;
  /** Where the API server is, for messages. */
  readonly server: string;
}

export function describeRef(ref: ObjectRef): string {
  return ref.metadata.namespace
    ? `${ref.kind} ${ref.metadata.namespace}/${ref.metadata.name}`
    : `${ref.kind} ${ref.metadata.name}`;
}
