#!/usr/bin/env node
// The local cluster's GPUs are simulated (KWOK nodes), so no dcgm-exporter can run here. This
// small exporter takes its place for the local Prometheus: on every scrape it reads the Running
// pods that hold GPUs from the API server and publishes, per GPU, the series dcgm-exporter
// publishes with its Kubernetes pod mapping on (the metric names, HELP texts and labels of
// dcgm-exporter's default counters: gpu, UUID, pci_bus_id, device, modelName, Hostname and the
// pod's container, namespace and pod). The value is what the pod's annotation asks for:
//
//   mlplatform.dev/simulated-gpu-util: "5"      utilization in % (0-100); without it 70
//
// DCGM_FI_DEV_FB_USED follows from it (MiB used of the node's GPU memory) and
// DCGM_FI_PROF_GR_ENGINE_ACTIVE is the same share as a ratio. Nothing else is simulated: pods,
// nodes and their times are the cluster's own. In production the real dcgm-exporter runs on every
// GPU node and the portal reads its Prometheus (guides/docs/operating.md).
//
//   node services/gpu-metrics/exporter.mjs KUBECONFIG PORT
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { request } from 'node:https';
import { clusterFromKubeconfig } from '../../scripts/services-config.mjs';

export const UTIL_ANNOTATION = 'mlplatform.dev/simulated-gpu-util';
export const DEFAULT_UTIL = 70;
const PRODUCT_LABEL = 'nvidia.com/gpu.product';
const MEMORY_LABEL = 'nvidia.com/gpu.memory';
const DEFAULT_PRODUCT = 'NVIDIA A100-SXM4-80GB';
const DEFAULT_MEMORY_MIB = 81920;
const DRIVER = '550.54.15';

const METRICS = [
  {
    name: 'DCGM_FI_DEV_GPU_UTIL',
    help: 'GPU utilization (in %).',
    value: util => util,
  },
  {
    name: 'DCGM_FI_DEV_FB_USED',
    help: 'Framebuffer memory used (in MiB).',
    // A loaded model holds memory even when idle: 2 GiB plus the busy share of the rest.
    value: (util, memory) =>
      Math.round(2048 + ((memory - 2048) * Math.min(util, 90)) / 100),
  },
  {
    name: 'DCGM_FI_PROF_GR_ENGINE_ACTIVE',
    help: 'Ratio of time the graphics engine is active.',
    value: util => util / 100,
  },
];

/** The GPUs a container holds: nvidia.com/gpu and MIG slices (nvidia.com/mig-<profile>). */
function containerGpus(container) {
  const limits = {
    ...container.resources?.requests,
    ...container.resources?.limits,
  };
  const gpus = [];
  for (const [resource, quantity] of Object.entries(limits)) {
    if (!resource.startsWith('nvidia.com/')) continue;
    const count = Number.parseInt(String(quantity), 10);
    const profile =
      resource === 'nvidia.com/gpu'
        ? undefined
        : resource.slice('nvidia.com/mig-'.length);
    for (let i = 0; i < count; i++) gpus.push({ profile });
  }
  return gpus;
}

/** The utilization a pod's annotation asks for, or why it cannot be read. */
export function podUtil(pod) {
  const raw = pod.metadata?.annotations?.[UTIL_ANNOTATION];
  if (raw === undefined) return { util: DEFAULT_UTIL };
  const util = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || util > 100) {
    return {
      problem: `${UTIL_ANNOTATION} must be a number from 0 to 100, not '${raw}'`,
    };
  }
  return { util };
}

function uuidOf(node, index) {
  const h = createHash('sha1').update(`${node}/${index}`).digest('hex');
  return `GPU-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(
    16,
    20,
  )}-${h.slice(20, 32)}`;
}

const escape = v =>
  String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * The exposition text for the Running GPU pods and the nodes they run on. A node's GPUs are
 * numbered from 0 in the order of its pods' creation, as the device plugin hands them out.
 */
export function exposition(pods, nodes) {
  const nodeByName = new Map(nodes.map(n => [n.metadata.name, n]));
  const running = pods
    .filter(p => p.status?.phase === 'Running' && p.spec?.nodeName)
    .sort(
      (a, b) =>
        String(a.metadata.creationTimestamp).localeCompare(
          String(b.metadata.creationTimestamp),
        ) || a.metadata.name.localeCompare(b.metadata.name),
    );
  const nextIndex = new Map();
  const samples = METRICS.map(() => []);
  const problems = [];
  for (const pod of running) {
    const gpusByContainer = (pod.spec.containers ?? []).map(c => [
      c.name,
      containerGpus(c),
    ]);
    if (!gpusByContainer.some(([, g]) => g.length)) continue;
    const { util, problem } = podUtil(pod);
    if (problem) {
      problems.push(
        `${pod.metadata.namespace}/${pod.metadata.name}: ${problem}`,
      );
      continue;
    }
    const host = pod.spec.nodeName;
    const labels = nodeByName.get(host)?.metadata?.labels ?? {};
    const memory = Number(labels[MEMORY_LABEL]) || DEFAULT_MEMORY_MIB;
    for (const [container, gpus] of gpusByContainer) {
      for (const gpu of gpus) {
        const index = nextIndex.get(host) ?? 0;
        nextIndex.set(host, index + 1);
        const label = {
          gpu: index,
          UUID: uuidOf(host, index),
          pci_bus_id: `00000000:${(0x07 + index)
            .toString(16)
            .padStart(2, '0')
            .toUpperCase()}:00.0`,
          device: `nvidia${index}`,
          modelName: labels[PRODUCT_LABEL] ?? DEFAULT_PRODUCT,
          Hostname: host,
          DCGM_FI_DRIVER_VERSION: DRIVER,
          ...(gpu.profile ? { GPU_I_PROFILE: gpu.profile, GPU_I_ID: '0' } : {}),
          container,
          namespace: pod.metadata.namespace,
          pod: pod.metadata.name,
        };
        const text = Object.entries(label)
          .map(([k, v]) => `${k}="${escape(v)}"`)
          .join(',');
        METRICS.forEach((m, i) =>
          samples[i].push(`${m.name}{${text}} ${m.value(util, memory)}`),
        );
      }
    }
  }
  const body = METRICS.map(
    (m, i) =>
      `# HELP ${m.name} ${m.help}\n# TYPE ${m.name} gauge\n${samples[i]
        .map(s => `${s}\n`)
        .join('')}`,
  ).join('');
  return { body, problems };
}

function kubeGetter(kubeconfig) {
  const cluster = clusterFromKubeconfig(kubeconfig);
  const ca = cluster.caFile ? readFileSync(cluster.caFile) : undefined;
  return path =>
    new Promise((resolve, reject) => {
      const req = request(
        new URL(path, cluster.url),
        {
          ca,
          headers: {
            Authorization: `Bearer ${cluster.serviceAccountToken}`,
            Accept: 'application/json',
          },
          timeout: 5000,
        },
        res => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', c => (text += c));
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(JSON.parse(text))
              : reject(
                  new Error(
                    `GET ${path}: ${res.statusCode} ${text.slice(0, 200)}`,
                  ),
                ),
          );
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`GET ${path}: no answer within 5 s`)),
      );
      req.on('error', reject);
      req.end();
    });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [kubeconfig, port] = process.argv.slice(2);
  if (!kubeconfig || !port) {
    console.error(
      'usage: node services/gpu-metrics/exporter.mjs KUBECONFIG PORT',
    );
    process.exit(2);
  }
  const get = kubeGetter(kubeconfig);
  const reported = new Set();
  createServer(async (req, res) => {
    if (req.url === '/health') return res.end('ok\n');
    if (req.url !== '/metrics') {
      res.statusCode = 404;
      return res.end('not found: /metrics has the metrics\n');
    }
    try {
      const [pods, nodes] = await Promise.all([
        get('/api/v1/pods?fieldSelector=status.phase%3DRunning'),
        get('/api/v1/nodes'),
      ]);
      const { body, problems } = exposition(pods.items, nodes.items);
      for (const p of problems)
        if (!reported.has(p)) reported.add(p) && console.error(`skipped ${p}`);
      res.setHeader('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
      res.end(body);
    } catch (error) {
      // Prometheus records a failed scrape (up == 0) and the series go stale: no invented values.
      console.error(`scrape failed: ${error.message}`);
      res.statusCode = 503;
      res.end(`the API server could not be read: ${error.message}\n`);
    }
  }).listen(Number(port), '127.0.0.1', () =>
    console.log(`gpu-metrics exporter on 127.0.0.1:${port}`),
  );
}
