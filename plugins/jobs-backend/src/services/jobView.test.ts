import { jobView } from './jobView';

const submission = {
  name: 'bert',
  team: 'nlp-team',
  image: 'ml-training:latest',
  gpus: 2,
  memory: '16Gi',
  cpu: '4',
  timeoutHours: 10,
  retries: 0,
  args: [],
  outputArtifacts: [],
};

function workflow(status?: object) {
  return {
    metadata: {
      name: 'bert-x7k2p',
      namespace: 'nlp-team',
      creationTimestamp: '2026-11-23T08:00:00Z',
      labels: {
        'mlplatform.dev/team': 'nlp-team',
        'mlplatform.dev/cost-reservation': 'r-1',
      },
      annotations: {
        'mlplatform.dev/submission': JSON.stringify(submission),
        'mlplatform.dev/gpu-hourly-rate': '2.5 EUR',
        'mlplatform.dev/submitted-by': 'user:default/amira.haddad',
      },
    },
    ...(status ? { status } : {}),
  };
}

const options = {
  pods: [],
  gpuResource: 'nvidia.com/gpu',
  now: new Date('2026-11-23T09:30:00Z'),
};

describe('jobView', () => {
  it('is Pending with nothing spent before it starts', () => {
    expect(jobView(workflow(), options)).toMatchObject({
      phase: 'Pending',
      runtimeSeconds: 0,
      costSoFar: 0,
      estimatedCost: 50,
      currency: 'EUR',
      reservationId: 'r-1',
      mlflow: { experiment: 'nlp-team/bert' },
    });
  });

  it('counts GPUs × hours its pod has run × rate while it runs, until now', () => {
    const job = jobView(workflow({ phase: 'Running' }), {
      ...options,
      pods: [
        pod('p0', { phase: 'Running', startTime: '2026-11-23T08:30:00Z' }),
      ],
    });
    expect(job).toMatchObject({
      phase: 'Running',
      runtimeSeconds: 3600,
      startedAt: '2026-11-23T08:30:00Z',
      node: 'gpu-a100-0',
      attempts: 1,
    });
    expect(job.costSoFar).toBe(5);
  });

  it('is Pending while Argo runs it but its pod waits for a node', () => {
    const job = jobView(workflow({ phase: 'Running' }), {
      ...options,
      pods: [
        {
          metadata: { name: 'p0', creationTimestamp: '2026-11-23T08:00:00Z' },
          spec: {},
          status: {
            phase: 'Pending',
            conditions: [
              {
                type: 'PodScheduled',
                status: 'False',
                reason: 'Unschedulable',
                message:
                  '0/9 nodes are available: 2 node(s) had untolerated taint(s), 7 Insufficient nvidia.com/gpu. preemption: 0/9 nodes are available: 9 No preemption victims found for incoming pod.',
              },
            ],
          },
        },
      ],
      cluster: {
        nodes: [node('gpu-a100-0', 8), node('gpu-a100-1', 8), node('cpu-0', 0)],
        pods: [
          pod('other-1', { phase: 'Running' }, 'gpu-a100-0', 7),
          pod('other-2', { phase: 'Running' }, 'gpu-a100-1', 6),
          pod('done', { phase: 'Succeeded' }, 'gpu-a100-1', 8),
        ],
      },
    });
    expect(job).toMatchObject({
      phase: 'Pending',
      runtimeSeconds: 0,
      costSoFar: 0,
      waitingFor:
        'waiting for GPUs: no node has 2 free nvidia.com/gpu (largest free: 2)',
    });
    expect(job.startedAt).toBeUndefined();
  });

  it("says the scheduler's words when it cannot read the nodes", () => {
    const job = jobView(workflow({ phase: 'Running' }), {
      ...options,
      pods: [
        {
          metadata: { name: 'p0' },
          status: {
            phase: 'Pending',
            conditions: [
              {
                type: 'PodScheduled',
                status: 'False',
                reason: 'Unschedulable',
                message:
                  '0/9 nodes are available: 9 Insufficient nvidia.com/gpu.',
              },
            ],
          },
        },
      ],
    });
    expect(job.waitingFor).toBe(
      'waiting for GPUs: no node has 2 free nvidia.com/gpu (0/9 nodes are available: 9 Insufficient nvidia.com/gpu)',
    );
  });

  it('names the quota when Argo cannot create the pod', () => {
    const job = jobView(
      workflow({
        phase: 'Running',
        nodes: {
          a: {
            type: 'Pod',
            phase: 'Pending',
            message:
              'pods "x" is forbidden: exceeded quota: gpu-quota, requested: requests.nvidia.com/gpu=2, used: requests.nvidia.com/gpu=8, limited: requests.nvidia.com/gpu=8',
          },
        },
      }),
      options,
    );
    expect(job.waitingFor).toMatch(
      /^waiting for the team's GPU quota: pods "x" is forbidden: exceeded quota/,
    );
  });

  it('adds up all attempts, and names the last failure before the summary', () => {
    const job = jobView(
      workflow({
        phase: 'Failed',
        message: 'No more retries left',
        finishedAt: '2026-11-23T08:16:00Z',
        nodes: {
          r: {
            type: 'Retry',
            phase: 'Failed',
            message: 'No more retries left',
          },
          a: {
            type: 'Pod',
            phase: 'Failed',
            startedAt: '2026-11-23T08:00:00Z',
            message: 'main: Error (exit code 3): CUDA out of memory',
          },
          b: {
            type: 'Pod',
            phase: 'Failed',
            startedAt: '2026-11-23T08:08:00Z',
            message: 'main: Error (exit code 3): CUDA out of memory',
          },
        },
      }),
      {
        ...options,
        pods: [
          ended('a', '2026-11-23T08:00:00Z', '2026-11-23T08:05:00Z', 3),
          ended('b', '2026-11-23T08:08:00Z', '2026-11-23T08:15:00Z', 3),
        ],
      },
    );
    expect(job).toMatchObject({
      phase: 'Failed',
      attempts: 2,
      exitCode: 3,
      runtimeSeconds: 12 * 60,
      costSoFar: 1,
      startedAt: '2026-11-23T08:00:00Z',
      finishedAt: '2026-11-23T08:16:00Z',
      message:
        'main: Error (exit code 3): CUDA out of memory (No more retries left)',
    });
  });

  it('reads an unknown phase as Pending', () => {
    expect(jobView(workflow({ phase: 'Omitted' }), options).phase).toBe(
      'Pending',
    );
  });
});

function node(name: string, gpus: number) {
  const allocatable: Record<string, string> = { cpu: '32' };
  if (gpus) allocatable['nvidia.com/gpu'] = String(gpus);
  return { metadata: { name }, status: { allocatable } };
}

function pod(
  name: string,
  status: { phase: string; startTime?: string },
  nodeName = 'gpu-a100-0',
  gpus = 2,
) {
  return {
    metadata: { name, creationTimestamp: '2026-11-23T08:00:00Z' },
    spec: {
      nodeName,
      containers: [
        {
          name: 'main',
          resources: { requests: { 'nvidia.com/gpu': String(gpus) } },
        },
      ],
    },
    status,
  };
}

function ended(name: string, start: string, end: string, exitCode: number) {
  return {
    metadata: { name, creationTimestamp: start },
    spec: { nodeName: 'gpu-l4-0' },
    status: {
      phase: exitCode ? 'Failed' : 'Succeeded',
      startTime: start,
      containerStatuses: [
        {
          name: 'wait',
          state: { terminated: { exitCode: 0, finishedAt: end } },
        },
        { name: 'main', state: { terminated: { exitCode, finishedAt: end } } },
      ],
    },
  };
}
