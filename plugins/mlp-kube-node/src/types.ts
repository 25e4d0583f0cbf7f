/** A Kubernetes object as the API sends and takes it. */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
    uid?: string;
    creationTimestamp?: string;
    ownerReferences?: Array<{ kind: string; name: string; uid?: string }>;
  };
  [field: string]: unknown;
};

/** A list answer of the API server. */
export type KubeList<T = KubeObject> = {
  metadata: { resourceVersion?: string };
  items: T[];
};
