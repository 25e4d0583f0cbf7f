// The exposition the local GPU metrics exporter publishes: dcgm-exporter's names, HELP texts and
// labels, one series per GPU, values from the pods' annotation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_UTIL, exposition, podUtil } from './exporter.mjs';

const pod = (
  name,
  {
    util,
    gpus = '1',
    node = 'gpu-a100-0',
    phase = 'Running',
    created = '2026-12-08T10:00:00Z',
    resource = 'nvidia.com/gpu',
  } = {},
) => ({
  metadata: {
    name,
    namespace: 'nlp-team',
    creationTimestamp: created,
    annotations:
      util === undefined ? {} : { 'mlplatform.dev/simulated-gpu-util': util },
  },
  spec: {
    nodeName: node,
    containers: [
      { name: 'main', resources: { limits: { [resource]: gpus, cpu: '4' } } },
      { name: 'wait', resources: {} },
    ],
  },
  status: { phase },
});
const node = {
  metadata: {
    name: 'gpu-a100-0',
    labels: {
      'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB',
      'nvidia.com/gpu.memory': '81920',
    },
  },
};

test('one series per GPU with the pod mapping labels, numbered per node in creation order', () => {
  const { body, problems } = exposition(
    [
      pod('late', { util: '80', created: '2026-12-08T11:00:00Z' }),
      pod('early', { util: '5', gpus: '2' }),
    ],
    [node],
  );
  assert.deepEqual(problems, []);
  const util = body
    .split('\n')
    .filter(l => l.startsWith('DCGM_FI_DEV_GPU_UTIL{'));
  assert.equal(util.length, 3);
  assert.match(
    util[0],
    /^DCGM_FI_DEV_GPU_UTIL\{gpu="0",UUID="GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",pci_bus_id="00000000:07:00.0",device="nvidia0",modelName="NVIDIA-A100-SXM4-80GB",Hostname="gpu-a100-0",DCGM_FI_DRIVER_VERSION="[0-9.]+",container="main",namespace="nlp-team",pod="early"\} 5$/,
  );
  assert.match(util[1], /gpu="1",.*device="nvidia1",.*pod="early"\} 5$/);
  assert.match(util[2], /gpu="2",.*device="nvidia2",.*pod="late"\} 80$/);
  assert.match(
    body,
    /^# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization \(in %\)\.\n# TYPE DCGM_FI_DEV_GPU_UTIL gauge\n/,
  );
  assert.match(
    body,
    /# HELP DCGM_FI_DEV_FB_USED Framebuffer memory used \(in MiB\)\.\n# TYPE DCGM_FI_DEV_FB_USED gauge\n/,
  );
  assert.match(body, /# TYPE DCGM_FI_PROF_GR_ENGINE_ACTIVE gauge\n/);
  // 2 GiB held, plus the busy share of the other 78 GiB.
  assert.match(body, /DCGM_FI_DEV_FB_USED\{gpu="2",.*pod="late"\} 65946\n/);
  assert.match(
    body,
    /DCGM_FI_PROF_GR_ENGINE_ACTIVE\{gpu="0",.*pod="early"\} 0.05\n/,
  );
});

test('pods without GPUs, not Running or not placed publish nothing; no annotation means 70 %', () => {
  const { body } = exposition(
    [
      pod('cpu-only', { gpus: '0' }),
      pod('pending', { phase: 'Pending' }),
      pod('done', { phase: 'Succeeded' }),
      pod('unplaced', { node: '' }),
      pod('default'),
    ],
    [node],
  );
  const util = body
    .split('\n')
    .filter(l => l.startsWith('DCGM_FI_DEV_GPU_UTIL{'));
  assert.equal(util.length, 1);
  assert.match(util[0], new RegExp(`pod="default"\\} ${DEFAULT_UTIL}$`));
});

test('MIG slices carry their profile; a bad annotation is reported and the pod skipped', () => {
  const { body, problems } = exposition(
    [
      pod('mig', { resource: 'nvidia.com/mig-1g.10gb', util: '30' }),
      pod('bad', { util: 'busy' }),
    ],
    [node],
  );
  assert.match(
    body,
    /GPU_I_PROFILE="1g.10gb",GPU_I_ID="0",container="main",namespace="nlp-team",pod="mig"\} 30\n/,
  );
  assert.doesNotMatch(body, /pod="bad"/);
  assert.deepEqual(problems, [
    "nlp-team/bad: mlplatform.dev/simulated-gpu-util must be a number from 0 to 100, not 'busy'",
  ]);
  assert.deepEqual(
    podUtil(pod('x', { util: '101' })).problem !== undefined,
    true,
  );
  assert.deepEqual(podUtil(pod('x', { util: '0' })), { util: 0 });
});
