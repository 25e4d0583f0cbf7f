import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nodeObjects, parseNodePool, readNodePool } from './nodePool.mjs';

const F = 'pool.yaml';
const refused = (text, pattern) =>
  assert.throws(
    () => parseNodePool(text, F),
    e => {
      assert.match(e.message, pattern);
      return true;
    },
  );

test('the repository pool: 7 GPU nodes and 2 CPU nodes, 48 full GPUs and 56 MIG slices, tainted like GPU nodes', () => {
  const nodes = nodeObjects(
    readNodePool(fileURLToPath(new URL('./gpu-nodes.yaml', import.meta.url))),
  );
  assert.equal(nodes.length, 9);
  const cpu = nodes.find(n => n.metadata.name === 'cpu-0');
  assert.deepEqual(cpu.spec, {});
  assert.equal(cpu.status.capacity['nvidia.com/gpu'], undefined);
  const sum = r =>
    nodes.reduce((s, n) => s + Number(n.status.capacity[r] ?? 0), 0);
  assert.equal(sum('nvidia.com/gpu'), 4 * 8 + 2 * 4);
  assert.equal(sum('nvidia.com/mig-1g.10gb'), 56);
  const l4 = nodes.find(n => n.metadata.name === 'gpu-l4-1');
  assert.equal(l4.metadata.labels['nvidia.com/gpu.product'], 'NVIDIA-L4');
  assert.equal(l4.metadata.labels['nvidia.com/gpu.count'], '4');
  assert.equal(l4.metadata.labels['nvidia.com/gpu.memory'], '23034');
  assert.deepEqual(l4.spec.taints, [
    { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
  ]);
  assert.equal(l4.metadata.annotations['kwok.x-k8s.io/node'], 'fake');
});

const gpu =
  'gpu: { resource: nvidia.com/gpu, count: 8, product: A100, memoryMiB: 1 }';

test('an unknown field is refused, naming the entry, the field and the known ones', () => {
  refused(
    `nodes:\n  - name: a\n    gpus: 8\n    ${gpu}\n`,
    /^pool\.yaml: nodes\[0\] \(a\): unknown field "gpus"; remove it or use one of: name, count, gpu/,
  );
  refused(
    `nodes:\n  - name: a\n    gpu: { resource: nvidia.com/gpu, count: 8, product: A, memoryMiB: 1, vram: 2 }\n`,
    /nodes\[0\] \(a\): unknown field "gpu.vram"/,
  );
  refused(`node:\n  - name: a\n`, /^pool\.yaml: unknown field "node"/);
});

test('negative GPUs are refused with the value', () => {
  refused(
    `nodes:\n  - name: a\n    gpu: { resource: nvidia.com/gpu, count: -2, product: A, memoryMiB: 1 }\n`,
    /nodes\[0\] \(a\): gpu\.count: gpu\.count must be 0 or more \(got -2\)/,
  );
});

test('a duplicate node name is refused, naming both entries', () => {
  refused(
    `nodes:\n  - name: a\n    count: 2\n    ${gpu}\n  - name: a-1\n    ${gpu}\n`,
    /nodes\[1\] \(a-1\): duplicate node name "a-1" \(also made by nodes\[0\]\)/,
  );
});

test('a resource name that is not a Kubernetes extended resource name is refused', () => {
  for (const bad of [
    'gpu',
    'nvidia.com/',
    'NVIDIA.com/gpu',
    'kubernetes.io/gpu',
    'nvidia.com/gpu slice',
  ]) {
    refused(
      `nodes:\n  - name: a\n    gpu: { resource: "${bad}", count: 1, product: A, memoryMiB: 1 }\n`,
      /gpu\.resource: must be a Kubernetes extended resource name/,
    );
  }
});

test('a missing field, a bad name and broken YAML are refused', () => {
  refused(`nodes:\n  - cpu: 4\n`, /nodes\[0\]: name: is missing/);
  refused(
    `nodes:\n  - name: a\n    gpu: { resource: nvidia.com/gpu, product: A, memoryMiB: 1 }\n`,
    /nodes\[0\] \(a\): gpu\.count: is missing/,
  );
  refused(`nodes:\n  - name: GPU_A\n    ${gpu}\n`, /name: must be a DNS label/);
  refused(`nodes: [\n`, /^pool\.yaml: not valid YAML/);
});
