import {
  type KubeObject,
  type Pod,
  podGpus,
} from '@internal/plugin-mlp-kube-node';
import { resourceOfQuotaKey, teamQuotas } from './quotaFigures';

const quota = (
  namespace: string,
  team: string | undefined,
  hard: Record<string, string>,
  used: Record<string, string> = {},
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: {
    name: 'gpu-quota',
    namespace,
    labels: team ? { 'mlplatform.dev/team': team } : undefined,
  },
  spec: { hard },
  status: { hard, used },
});

const pod = (
  namespace: string,
  name: string,
  containers: Array<Record<string, string>>,
  extra: Record<string, unknown> = {},
): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, creationTimestamp: '2026-11-20T10:00:00Z' },
  spec: {
    containers: containers.map(requests => ({
      name: 'c',
      resources: { requests, limits: requests },
    })),
  },
  status: { phase: 'Running', startTime: '2026-11-20T10:01:00Z' },
  ...extra,
});

describe('quota figures', () => {
  it('reads GPU resources from quota keys, with or without requests., and ignores the rest', () => {
    expect(resourceOfQuotaKey('requests.nvidia.com/gpu')).toBe(
      'nvidia.com/gpu',
    );
    expect(resourceOfQuotaKey('nvidia.com/mig-1g.10gb')).toBe(
      'nvidia.com/mig-1g.10gb',
    );
    expect(resourceOfQuotaKey('requests.cpu')).toBeUndefined();
    expect(resourceOfQuotaKey('pods')).toBeUndefined();
  });

  it('gives hard, used, available, per-job max and pressure per GPU resource, MIG slices included', () => {
    const [team] = teamQuotas({
      quotas: [
        quota(
          'nlp',
          'nlp-team',
          {
            'requests.nvidia.com/gpu': '8',
            'requests.nvidia.com/mig-1g.10gb': '14',
            'requests.cpu': '64',
          },
          {
            'requests.nvidia.com/gpu': '6',
            'requests.nvidia.com/mig-1g.10gb': '14',
          },
        ),
      ],
      limitRanges: [
        {
          apiVersion: 'v1',
          kind: 'LimitRange',
          metadata: { name: 'gpu-limits', namespace: 'nlp' },
          spec: {
            limits: [{ type: 'Container', max: { 'nvidia.com/gpu': '4' } }],
          },
        },
      ],
      pods: [],
    });
    expect(team.team).toBe('nlp-team');
    expect(team.resources).toEqual([
      {
        resource: 'nvidia.com/gpu',
        hard: 8,
        used: 6,
        available: 2,
        maxPerJob: 4,
      },
      {
        resource: 'nvidia.com/mig-1g.10gb',
        hard: 14,
        used: 14,
        available: 0,
      },
    ]);
    expect(team.pressure).toBe(1);
  });

  it('lists only pods of the team namespace that hold GPUs, with owner and start time', () => {
    const [team] = teamQuotas({
      quotas: [quota('nlp', 'nlp-team', { 'requests.nvidia.com/gpu': '8' })],
      limitRanges: [],
      pods: [
        pod(
          'nlp',
          'train-1',
          [{ 'nvidia.com/gpu': '2' }, { 'nvidia.com/gpu': '1' }],
          {
            metadata: {
              name: 'train-1',
              namespace: 'nlp',
              ownerReferences: [{ kind: 'Job', name: 'train' }],
            },
          },
        ),
        pod('nlp', 'notebook', [{ cpu: '2' }]),
        pod('vision', 'other-team', [{ 'nvidia.com/gpu': '4' }]),
      ],
    });
    expect(team.workloads).toEqual([
      {
        pod: 'train-1',
        owner: { kind: 'Job', name: 'train' },
        gpus: { 'nvidia.com/gpu': 3 },
        phase: 'Running',
        since: '2026-11-20T10:01:00Z',
      },
    ]);
  });

  it('counts init containers the way the scheduler does: the larger of their max and the containers sum', () => {
    const p = pod('nlp', 'p', [{ 'nvidia.com/gpu': '1' }]);
    p.spec!.initContainers = [
      { resources: { limits: { 'nvidia.com/gpu': '4' } } },
    ];
    expect(podGpus(p)).toEqual({ 'nvidia.com/gpu': 4 });
  });

  it('skips quotas without a team label or without GPU resources', () => {
    expect(
      teamQuotas({
        quotas: [
          quota('a', undefined, { 'requests.nvidia.com/gpu': '8' }),
          quota('b', 'cpu-team', { 'requests.cpu': '8' }),
        ],
        limitRanges: [],
        pods: [],
      }),
    ).toEqual([]);
  });

  it('takes the tighter quota when two quotas limit the same resource', () => {
    const [team] = teamQuotas({
      quotas: [
        quota('nlp', 'nlp-team', { 'requests.nvidia.com/gpu': '8' }),
        { ...quota('nlp', 'nlp-team', { 'requests.nvidia.com/gpu': '3' }) },
      ],
      limitRanges: [],
      pods: [],
    });
    expect(team.resources[0].hard).toBe(3);
  });
});
