// Reads the simulated GPU node pool (gpu-nodes.yaml) and turns it into Node objects for KWOK.
// A mistake in the file is an error naming the file, the entry and the fix; nothing is applied.
//   node services/kube/cluster/nodePool.mjs [FILE]   checks FILE and prints the node names
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { parseDocument } from 'yaml';
import { z } from 'zod';

/** KWOK manages the nodes that carry this annotation (kwok --manage-nodes-with-annotation-selector). */
export const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node';
export const KWOK_NODE_VALUE = 'fake';
/** Real GPU nodes carry this taint; the pods the portal creates tolerate it. */
export const GPU_TAINT = {
  key: 'nvidia.com/gpu',
  value: 'present',
  effect: 'NoSchedule',
};

// A Kubernetes qualified name with the domain prefix extended resources need (k8s.io/apimachinery
// validation: IsQualifiedName + a DNS-1123 subdomain prefix).
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

function isExtendedResourceName(value) {
  const slash = value.indexOf('/');
  if (slash <= 0) return false;
  const prefix = value.slice(0, slash);
  const name = value.slice(slash + 1);
  return (
    prefix.length <= 253 &&
    DNS_SUBDOMAIN.test(prefix) &&
    !/(^|\.)kubernetes\.io$/.test(prefix) &&
    name.length <= 63 &&
    NAME_PART.test(name)
  );
}

const count = what =>
  z
    .number({ error: `${what} must be a whole number` })
    .int(`${what} must be a whole number`)
    .min(0, `${what} must be 0 or more`);

const gpuSchema = z.strictObject({
  resource: z.string().refine(isExtendedResourceName, {
    error:
      'must be a Kubernetes extended resource name: <domain>/<name> with a DNS domain (not kubernetes.io), such as nvidia.com/gpu or nvidia.com/mig-1g.10gb',
  }),
  count: count('gpu.count'),
  product: z
    .string()
    .regex(
      NAME_PART,
      'must be a label value such as NVIDIA-A100-SXM4-80GB (letters, digits, - _ .)',
    )
    .max(63),
  memoryMiB: count('gpu.memoryMiB'),
  gpus: count('gpu.gpus').min(1, 'gpu.gpus must be 1 or more').optional(),
});

const nodeSchema = z.strictObject({
  name: z
    .string()
    .max(53, 'must be at most 53 characters (room for the -N suffix)')
    .regex(
      DNS_LABEL,
      'must be a DNS label: lower-case letters, digits and -, such as gpu-a100',
    ),
  count: count('count').min(1, 'count must be 1 or more').default(1),
  gpu: gpuSchema.optional(),
  cpu: count('cpu').min(1, 'cpu must be 1 or more').default(64),
  memory: z
    .string()
    .regex(QUANTITY, 'must be a Kubernetes quantity such as 512Gi')
    .default('512Gi'),
  pods: count('pods').min(1, 'pods must be 1 or more').default(110),
});

const fileSchema = z.strictObject({
  nodes: z.array(z.unknown()).min(1, 'list at least one node'),
});

export class NodePoolError extends Error {}

/** Words for one zod issue: the field, what is wrong, and the fix. */
function describe(issue, entry) {
  const where = issue.path.length ? issue.path.join('.') : '';
  if (issue.code === 'unrecognized_keys') {
    const shape = !entry
      ? fileSchema.shape
      : where.startsWith('gpu')
      ? gpuSchema.shape
      : nodeSchema.shape;
    const known = Object.keys(shape);
    const field = [where, issue.keys[0]].filter(Boolean).join('.');
    return `unknown field "${field}"; remove it or use one of: ${known.join(
      ', ',
    )}`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `${where}: is missing; add it (see the comment at the top of the file)`;
  }
  const got = where && entry ? valueAt(entry, issue.path) : undefined;
  return `${where ? `${where}: ` : ''}${issue.message}${
    got !== undefined ? ` (got ${JSON.stringify(got)})` : ''
  }`;
}

/** An unknown field is named before what it may have left missing. */
function firstIssue(error) {
  return (
    error.issues.find(i => i.code === 'unrecognized_keys') ?? error.issues[0]
  );
}

function valueAt(obj, path) {
  return path.reduce(
    (o, k) => (o && typeof o === 'object' ? o[k] : undefined),
    obj,
  );
}

/** The pool's entries, checked; throws NodePoolError naming the file, the entry and the fix. */
export function parseNodePool(text, file) {
  const doc = parseDocument(text);
  if (doc.errors.length) {
    throw new NodePoolError(
      `${file}: not valid YAML: ${doc.errors[0].message}`,
    );
  }
  const top = fileSchema.safeParse(doc.toJS());
  if (!top.success) {
    throw new NodePoolError(`${file}: ${describe(firstIssue(top.error))}`);
  }
  const entries = [];
  const seen = new Map();
  top.data.nodes.forEach((raw, i) => {
    const label =
      raw && typeof raw === 'object' && typeof raw.name === 'string'
        ? ` (${raw.name})`
        : '';
    const parsed = nodeSchema.safeParse(raw);
    if (!parsed.success) {
      throw new NodePoolError(
        `${file}: nodes[${i}]${label}: ${describe(
          firstIssue(parsed.error),
          raw,
        )}`,
      );
    }
    const entry = parsed.data;
    if (
      entry.gpu?.gpus !== undefined &&
      !entry.gpu.resource.includes('/mig-')
    ) {
      throw new NodePoolError(
        `${file}: nodes[${i}]${label}: gpu.gpus is only for MIG slices (a resource such as nvidia.com/mig-1g.10gb); remove it`,
      );
    }
    const names =
      entry.count === 1 && raw.count === undefined
        ? [entry.name]
        : Array.from({ length: entry.count }, (_, n) => `${entry.name}-${n}`);
    for (const name of names) {
      if (seen.has(name)) {
        throw new NodePoolError(
          `${file}: nodes[${i}]${label}: duplicate node name "${name}" (also made by nodes[${seen.get(
            name,
          )}]); give each entry a name of its own`,
        );
      }
      seen.set(name, i);
    }
    entries.push({ ...entry, names });
  });
  return entries;
}

export function readNodePool(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new NodePoolError(`${file}: cannot be read (${e.code ?? e.message})`);
  }
  return parseNodePool(text, file);
}

/** The labels the NVIDIA GPU operator's feature discovery puts on such a node. */
function gpuLabels(gpu) {
  if (gpu.resource.includes('/mig-')) {
    const profile = gpu.resource.slice(gpu.resource.indexOf('/') + 1);
    return {
      'nvidia.com/mig.strategy': 'mixed',
      'nvidia.com/gpu.count': String(gpu.gpus ?? 1),
      'nvidia.com/gpu.product': gpu.product.replace(/-MIG-.*$/, ''),
      [`nvidia.com/${profile}.count`]: String(gpu.count),
      [`nvidia.com/${profile}.memory`]: String(gpu.memoryMiB),
      [`nvidia.com/${profile}.product`]: gpu.product,
    };
  }
  return {
    'nvidia.com/gpu.present': 'true',
    'nvidia.com/gpu.count': String(gpu.count),
    'nvidia.com/gpu.product': gpu.product,
    'nvidia.com/gpu.memory': String(gpu.memoryMiB),
  };
}

/** The Node objects of the pool, as a kubelet would register them, for KWOK to manage. */
export function nodeObjects(entries) {
  return entries.flatMap(entry =>
    entry.names.map(name => {
      const resources = {
        cpu: String(entry.cpu),
        memory: entry.memory,
        pods: String(entry.pods),
        ...(entry.gpu ? { [entry.gpu.resource]: String(entry.gpu.count) } : {}),
      };
      const node = {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name,
          annotations: {
            [KWOK_NODE_ANNOTATION]: KWOK_NODE_VALUE,
            'node.alpha.kubernetes.io/ttl': '0',
          },
          labels: {
            'kubernetes.io/hostname': name,
            'kubernetes.io/os': 'linux',
            'kubernetes.io/arch': 'amd64',
            'node.kubernetes.io/instance-type': `sim-${entry.name}`,
            type: 'kwok',
            ...(entry.gpu ? gpuLabels(entry.gpu) : {}),
          },
        },
        // CPU nodes take any pod; GPU nodes only pods that tolerate the GPU taint.
        spec: entry.gpu ? { taints: [GPU_TAINT] } : {},
        status: {
          capacity: resources,
          allocatable: resources,
          nodeInfo: {
            architecture: 'amd64',
            operatingSystem: 'linux',
            kubeletVersion: 'kwok',
          },
        },
      };
      node.metadata.annotations[POOL_HASH_ANNOTATION] = poolHash(node);
      return node;
    }),
  );
}

/** Marks a registered node with what the pool asked of it (the server rewrites quantities: 1024Gi is 1Ti). */
export const POOL_HASH_ANNOTATION = 'mlplatform.dev/node-pool-hash';

function poolHash(node) {
  const { labels } = node.metadata;
  return createHash('sha256')
    .update(JSON.stringify([labels, node.spec, node.status.capacity]))
    .digest('hex')
    .slice(0, 16);
}

/** Whether a node on the server was registered from this very entry of the pool. */
export function nodeMatches(existing, wanted) {
  return (
    existing.metadata?.annotations?.[POOL_HASH_ANNOTATION] ===
    wanted.metadata.annotations[POOL_HASH_ANNOTATION]
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file =
    process.argv[2] ?? new URL('./gpu-nodes.yaml', import.meta.url).pathname;
  try {
    const nodes = nodeObjects(readNodePool(file));
    console.log(nodes.map(n => n.metadata.name).join('\n'));
  } catch (e) {
    if (!(e instanceof NodePoolError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}
