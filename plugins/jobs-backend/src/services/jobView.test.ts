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

  it('counts GPUs × hours run × rate while running, until now', () => {
    const job = jobView(
      workflow({ phase: 'Running', startedAt: '2026-11-23T08:30:00Z' }),
      options,
    );
    expect(job).toMatchObject({ phase: 'Running', runtimeSeconds: 3600 });
    expect(job.costSoFar).toBe(5);
  });

  it('stops counting when it finished, and keeps Argo’s message', () => {
    const job = jobView(
      workflow({
        phase: 'Failed',
        message:
          'Pod was active on the node longer than the specified deadline',
        startedAt: '2026-11-23T08:00:00Z',
        finishedAt: '2026-11-23T08:15:00Z',
      }),
      options,
    );
    expect(job).toMatchObject({
      phase: 'Failed',
      runtimeSeconds: 900,
      costSoFar: 1.25,
      message: 'Pod was active on the node longer than the specified deadline',
    });
  });

  it('reads an unknown phase as Pending', () => {
    expect(jobView(workflow({ phase: 'Omitted' }), options).phase).toBe(
      'Pending',
    );
  });
});
