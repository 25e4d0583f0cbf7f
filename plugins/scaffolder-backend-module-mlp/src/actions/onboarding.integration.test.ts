// The onboarding actions against the real kube-apiserver that scripts/services.sh runs.
import * as k8s from '@kubernetes/client-node';
import { HttpKubeObjects } from '../kube/HttpKubeObjects';
import { MANAGED_BY, MANAGED_BY_LABEL } from '../kube/applyManaged';
import { readSettings } from '../settings';
import { accessFor, counting, runAction } from '../__testUtils__/fakes';
import {
  core,
  createPod,
  kc,
  kubeConfig,
  localCluster,
  objects,
  onboardedVersions,
  servicesConfig,
  waitForGpuQuota,
} from '@internal/plugin-mlp-kube-node/testUtils';
import { createArgoApplicationAction, createArgoProjectAction } from './argocd';
import { ActionDeps } from './deps';
import { createGpuQuotaAction } from './gpuQuota';
import { createNamespaceAction } from './namespace';
import { createNetworkPolicyAction } from './networkPolicy';
import { createQueueAction } from './queue';
import { createQuotaCheckAction } from './quotaCheck';

jest.setTimeout(120_000);

const team = `it-${Date.now().toString(36)}`;

function deps(overrides: Partial<ActionDeps> = {}): ActionDeps {
  return {
    kube: new HttpKubeObjects(localCluster()),
    settings: { ...readSettings(servicesConfig()), queue: 'volcano' },
    access: accessFor({ keeper: true }),
    ...overrides,
  };
}

async function onboard(
  d: ActionDeps,
  gpus: number,
  options: { isDryRun?: boolean } = {},
) {
  return {
    namespace: await runAction(
      createNamespaceAction(d),
      { name: team, team },
      options,
    ),
    quota: await runAction(
      createGpuQuotaAction(d),
      {
        namespace: team,
        team,
        gpus,
        maxGpusPerJob: 2,
        gpuTypes: { 'nvidia.com/mig-1g.10gb': 4 },
        cpu: '16',
        memory: '64Gi',
      },
      options,
    ),
    policy: await runAction(
      createNetworkPolicyAction(d),
      { namespace: team, team },
      options,
    ),
    queue: await runAction(
      createQueueAction(d),
      { team, weight: 2, gpus },
      options,
    ),
    project: await runAction(createArgoProjectAction(d), { team }, options),
  };
}

afterAll(async () => {
  await core.deleteNamespace({ name: team }).catch(() => undefined);
  await objects
    .delete({
      apiVersion: 'scheduling.volcano.sh/v1beta1',
      kind: 'Queue',
      metadata: { name: team },
    })
    .catch(() => undefined);
  await objects
    .delete({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: team, namespace: 'argocd' },
    })
    .catch(() => undefined);
});

describe('team onboarding against the real API server', () => {
  it('dry run reports the manifests and creates nothing', async () => {
    const { kube, calls } = counting(new HttpKubeObjects(localCluster()));
    const result = await onboard(deps({ kube }), 4, { isDryRun: true });
    expect(result.namespace.result).toBe('planned');
    expect(result.quota.result).toBe('planned');
    expect(calls.apply).toBe(0);
    await expect(core.readNamespace({ name: team })).rejects.toMatchObject({
      code: 404,
    });
  });

  it('a non-keeper cannot onboard, and nothing is created', async () => {
    const { kube, calls } = counting(new HttpKubeObjects(localCluster()));
    const d = deps({
      kube,
      access: accessFor({ keeper: false, teams: [team] }),
    });
    await expect(
      runAction(createNamespaceAction(d), { name: team, team }),
    ).rejects.toThrow(
      /only platform keepers \(permission mlp.team.onboard\) may onboard teams/,
    );
    expect(calls).toEqual({ get: 0, apply: 0 });
    await expect(core.readNamespace({ name: team })).rejects.toMatchObject({
      code: 404,
    });
  });

  it('creates the namespace, quota, limits, network policy, queue and ArgoCD project', async () => {
    const result = await onboard(deps(), 4);
    expect(Object.values(result).map(r => r.result)).toEqual([
      'created',
      'created',
      'created',
      'created',
      'created',
    ]);

    const ns = await core.readNamespace({ name: team });
    expect(ns.metadata?.labels).toMatchObject({
      'mlplatform.dev/team': team,
      [MANAGED_BY_LABEL]: MANAGED_BY,
    });
    expect(ns.metadata?.annotations?.['backstage.io/owner']).toBe(
      `group:default/${team}`,
    );

    const quota = await core.readNamespacedResourceQuota({
      name: 'gpu-quota',
      namespace: team,
    });
    expect(quota.spec?.hard).toEqual({
      'requests.nvidia.com/gpu': '4',
      'requests.nvidia.com/mig-1g.10gb': '4',
      'requests.cpu': '16',
      'requests.memory': '64Gi',
    });

    const limits = await core.readNamespacedLimitRange({
      name: 'gpu-limits',
      namespace: team,
    });
    expect(limits.spec?.limits).toEqual([
      {
        type: 'Container',
        max: { 'nvidia.com/gpu': '2', 'nvidia.com/mig-1g.10gb': '2' },
        _default: { 'nvidia.com/gpu': '0', 'nvidia.com/mig-1g.10gb': '0' },
        defaultRequest: {
          'nvidia.com/gpu': '0',
          'nvidia.com/mig-1g.10gb': '0',
          cpu: '500m',
          memory: '1Gi',
        },
      },
    ]);

    const policy = await kc
      .makeApiClient(k8s.NetworkingV1Api)
      .readNamespacedNetworkPolicy({ name: 'team-isolation', namespace: team });
    expect(policy.spec?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec?.egress?.[1]?.ports).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);

    const queue = await objects.read({
      apiVersion: 'scheduling.volcano.sh/v1beta1',
      kind: 'Queue',
      metadata: { name: team },
    });
    expect((queue as unknown as { spec: unknown }).spec).toEqual({
      weight: 2,
      reclaimable: true,
      capability: { 'nvidia.com/gpu': '4' },
    });

    const project = await objects.read({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: team, namespace: 'argocd' },
    });
    expect(
      (project as unknown as { spec: { destinations: unknown } }).spec
        .destinations,
    ).toEqual([{ server: 'https://kubernetes.default.svc', namespace: team }]);
  });

  it('a re-run changes nothing and fails nothing', async () => {
    const before = await onboardedVersions(team);
    const result = await onboard(deps(), 4);
    expect(Object.values(result).map(r => r.result)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(await onboardedVersions(team)).toEqual(before);
  });

  it('the quota admits CPU-only pods and GPU pods up to it; the API server rejects more', async () => {
    // LimitRange defaults a container without GPUs to 0, so CPU-only work is unaffected, and
    // gives containers that do not say a CPU and memory request, which the CPU/memory quota needs.
    await createPod(team, 'cpu-only', 0);
    await createPod(team, 'train-a', 2);
    await createPod(team, 'train-b', 2);
    // Above the per-container max (LimitRange).
    await expect(createPod(team, 'too-big', 3)).rejects.toMatchObject({
      code: 403,
      body: expect.stringMatching(
        /maximum nvidia.com\/gpu usage per Container is 2/,
      ),
    });
    // Over the team's quota (4 of 4 requested).
    await expect(createPod(team, 'one-more', 1)).rejects.toMatchObject({
      code: 403,
      body: expect.stringMatching(/exceeded quota: gpu-quota/),
    });
  });

  it('quota check reports what the API server counts and refuses what does not fit', async () => {
    const d = deps({ access: accessFor({ keeper: false, teams: [team] }) });
    await waitForGpuQuota(team, { used: '4' });
    await expect(
      runAction(createQuotaCheckAction(d), { team, gpusPerJob: 1 }),
    ).rejects.toThrow(
      `gpusPerJob: 1 GPUs do not fit in ${team}'s GPU quota: 4 of 4 are in use, 0 free`,
    );
    await expect(
      runAction(createQuotaCheckAction(d), { team, gpusPerJob: 3 }),
    ).rejects.toThrow(
      `gpusPerJob: 3 GPUs per job is more than ${team}'s per-job maximum of 2`,
    );
  });

  it('a changed quota updates the ResourceQuota, and the API server enforces the new value', async () => {
    await core.deleteNamespacedPod({
      name: 'train-b',
      namespace: team,
      gracePeriodSeconds: 0,
    });
    const result = await onboard(deps(), 3);
    expect(result.namespace.result).toBe('unchanged');
    expect(result.quota.result).toBe('updated');
    expect(result.queue.result).toBe('updated');
    const quota = await core.readNamespacedResourceQuota({
      name: 'gpu-quota',
      namespace: team,
    });
    expect(quota.spec?.hard?.['requests.nvidia.com/gpu']).toBe('3');
    await waitForGpuQuota(team, { hard: '3', used: '2' });
    await createPod(team, 'train-c', 1);
    await expect(createPod(team, 'train-d', 1)).rejects.toMatchObject({
      code: 403,
      body: expect.stringMatching(
        /exceeded quota: gpu-quota.*limited: requests.nvidia.com\/gpu=3/,
      ),
    });
  });

  it('refuses to touch an object the portal did not create, unless told to adopt it', async () => {
    const foreign = `${team}-foreign`;
    await core.createNamespace({ body: { metadata: { name: foreign } } });
    try {
      const d = deps();
      await expect(
        runAction(createNamespaceAction(d), { name: foreign, team }),
      ).rejects.toThrow(
        `Namespace ${foreign} already exists and was not created by the portal`,
      );
      expect(
        (await core.readNamespace({ name: foreign })).metadata?.labels?.[
          MANAGED_BY_LABEL
        ],
      ).toBeUndefined();
      const adopted = await runAction(createNamespaceAction(d), {
        name: foreign,
        team,
        adopt: true,
      });
      expect(adopted.result).toBe('updated');
      expect(
        (await core.readNamespace({ name: foreign })).metadata?.labels?.[
          MANAGED_BY_LABEL
        ],
      ).toBe(MANAGED_BY);
    } finally {
      await core.deleteNamespace({ name: foreign }).catch(() => undefined);
    }
  });

  it("a team's own Kubernetes identity cannot create objects in another team's namespace", async () => {
    const teamKc = kubeConfig('team');
    const cluster = {
      ...localCluster(),
      serviceAccountToken: teamKc.getCurrentUser()!.token!,
    };
    const d = deps({ kube: new HttpKubeObjects(cluster) });
    await expect(
      runAction(createNetworkPolicyAction(d), {
        namespace: 'vision-team',
        team: 'vision-team',
      }),
    ).rejects.toMatchObject({ name: 'KubeApiError', status: 403 });
  });

  it('an ArgoCD Application for a project deploys into its team namespace', async () => {
    const d = deps({ access: accessFor({ keeper: false, teams: [team] }) });
    const input = {
      name: `${team}-app`,
      team,
      repoUrl: 'file:///srv/git/project',
    };
    const first = await runAction(createArgoApplicationAction(d), input);
    expect(first.result).toBe('created');
    const again = await runAction(createArgoApplicationAction(d), input);
    expect(again.result).toBe('unchanged');
    const app = (await objects.read({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: `${team}-app`, namespace: 'argocd' },
    })) as unknown as { spec: Record<string, unknown> };
    expect(app.spec).toMatchObject({
      project: team,
      source: {
        repoURL: 'file:///srv/git/project',
        path: 'deploy',
        targetRevision: 'HEAD',
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: team,
      },
    });
    await objects.delete(app as unknown as k8s.KubernetesObject);
  });
});
