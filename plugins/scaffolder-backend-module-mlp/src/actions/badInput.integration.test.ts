// Bad input to every mlp:* action: each case fails before anything is written, with a message
// naming the field. Reads go to the real kube-apiserver (for "team without a namespace" and
// "quota exceeded"); writes are counted and must stay at zero.
import { HttpKubeObjects } from '../kube/HttpKubeObjects';
import { readSettings } from '../settings';
import { accessFor, counting, runAction } from '../__testUtils__/fakes';
import {
  core,
  createPod,
  createTestTeam,
  deleteTestNamespace,
  localCluster,
  servicesConfig,
  waitForGpuQuota,
} from '@internal/plugin-mlp-kube-node/testUtils';
import { createArgoApplicationAction } from './argocd';
import { ActionDeps } from './deps';
import { createGpuQuotaAction } from './gpuQuota';
import { createMlflowExperimentAction } from './mlflowExperiment';
import { createNamespaceAction } from './namespace';
import { createNetworkPolicyAction } from './networkPolicy';
import { createPublishLocalAction } from './publishLocal';
import { createQueueAction } from './queue';
import { createQuotaCheckAction } from './quotaCheck';
import { createRegisterLocalAction } from './registerLocal';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthService } from '@backstage/backend-plugin-api';

jest.setTimeout(60_000);

const quota = {
  namespace: 'nlp-team',
  team: 'nlp-team',
  gpus: 8,
  maxGpusPerJob: 4,
};
const app = {
  name: 'ticket-router',
  team: 'nlp-team',
  repoUrl: 'https://git.example.com/nlp/t.git',
};
const long = 'a'.repeat(64);
/**
 * A team of the test's own whose 2-GPU quota a pending pod fills (the demo teams have free GPUs
 * and their use changes as the demo's jobs run). Named when the cases are; made in beforeAll.
 */
const full = { team: '', gpusPerJob: 1 };

type Case = [string, string, Record<string, unknown>, RegExp];

const cases: Case[] = [
  // Names: DNS-1123 labels.
  [
    'capitals',
    'namespace',
    { name: 'NLP-Team', team: 'nlp-team' },
    /name: 'NLP-Team' is not a valid name.*use 'nlp-team'/,
  ],
  [
    'underscore',
    'namespace',
    { name: 'nlp_team', team: 'nlp-team' },
    /name: 'nlp_team' is not a valid name/,
  ],
  [
    '64 characters',
    'namespace',
    { name: long, team: 'nlp-team' },
    /name: is 64 characters long; Kubernetes names are at most 63/,
  ],
  [
    'empty name',
    'namespace',
    { name: '', team: 'nlp-team' },
    /name: must not be empty/,
  ],
  [
    'leading dash',
    'namespace',
    { name: '-nlp', team: 'nlp-team' },
    /name: '-nlp' is not a valid name/,
  ],
  [
    'trailing dash',
    'namespace',
    { name: 'nlp-', team: 'nlp-team' },
    /name: 'nlp-' is not a valid name/,
  ],
  [
    'dot',
    'namespace',
    { name: 'nlp.team', team: 'nlp-team' },
    /name: 'nlp.team' is not a valid name/,
  ],
  [
    'space',
    'namespace',
    { name: 'nlp team', team: 'nlp-team' },
    /name: 'nlp team' is not a valid name/,
  ],
  ['missing name', 'namespace', { team: 'nlp-team' }, /name: is required/],
  [
    'name not text',
    'namespace',
    { name: 123, team: 'nlp-team' },
    /name: must be text/,
  ],
  [
    'team with capitals',
    'namespace',
    { name: 'nlp-team', team: 'Vision' },
    /team: 'Vision' is not a valid name/,
  ],
  [
    'unknown field',
    'namespace',
    { name: 'nlp-team', team: 'nlp-team', gpus: 4 },
    /input: Unrecognized key\(s\) in object: 'gpus'/,
  ],
  [
    'label value not text',
    'namespace',
    { name: 'nlp-team', team: 'nlp-team', labels: { tier: 1 } },
    /labels.tier: Expected string/,
  ],
  // GPU counts and quantities.
  [
    'negative GPUs',
    'quota',
    { ...quota, gpus: -1 },
    /gpus: must be at least 0 \(got -1\)/,
  ],
  [
    'huge GPU count',
    'quota',
    { ...quota, gpus: 100000 },
    /gpus: must be at most 512 \(got 100000\); the bound is mlp.gpu.maxPerTeam/,
  ],
  [
    'fractional GPUs',
    'quota',
    { ...quota, gpus: 2.5 },
    /gpus: 2.5 is not a whole number of GPUs/,
  ],
  [
    'GPU count as text',
    'quota',
    { ...quota, gpus: '8' },
    /gpus: must be a whole number/,
  ],
  [
    'zero per job',
    'quota',
    { ...quota, maxGpusPerJob: 0 },
    /maxGpusPerJob: must be at least 1/,
  ],
  [
    'per job above bound',
    'quota',
    { ...quota, maxGpusPerJob: 65 },
    /maxGpusPerJob: must be at most 64 .*mlp.gpu.maxPerJob/,
  ],
  [
    'per job above quota',
    'quota',
    { ...quota, gpus: 2, maxGpusPerJob: 4 },
    /maxGpusPerJob: 4 is more than the team's quota of 2 GPUs/,
  ],
  [
    'CPU in words',
    'quota',
    { ...quota, cpu: '64 cores' },
    /cpu: '64 cores' is not a Kubernetes quantity/,
  ],
  [
    'negative CPU',
    'quota',
    { ...quota, cpu: '-4' },
    /cpu: '-4' is not a Kubernetes quantity/,
  ],
  [
    'memory in GB',
    'quota',
    { ...quota, memory: '16GB' },
    /memory: '16GB' is not a Kubernetes quantity/,
  ],
  [
    'zero memory',
    'quota',
    { ...quota, memory: '0' },
    /memory: must be more than 0/,
  ],
  [
    'two decimal points',
    'quota',
    { ...quota, memory: '1.5.2Gi' },
    /memory: '1.5.2Gi' is not a Kubernetes quantity/,
  ],
  [
    'empty CPU',
    'quota',
    { ...quota, cpu: '' },
    /cpu: '' is not a Kubernetes quantity/,
  ],
  [
    'GPU type without vendor',
    'quota',
    { ...quota, gpuTypes: { gpu: 2 } },
    /gpuTypes.gpu: 'gpu' is not a GPU resource name/,
  ],
  [
    'negative GPU type',
    'quota',
    { ...quota, gpuTypes: { 'nvidia.com/mig-1g.10gb': -1 } },
    /gpuTypes.nvidia.com\/mig-1g.10gb: must be at least 0/,
  ],
  [
    'GPU type duplicates gpus',
    'quota',
    { ...quota, gpuTypes: { 'nvidia.com/gpu': 2 } },
    /gpuTypes.nvidia.com\/gpu: set nvidia.com\/gpu with gpus/,
  ],
  [
    'team without namespace (quota)',
    'quota',
    { ...quota, namespace: 'no-such-team', team: 'no-such-team' },
    /namespace: namespace 'no-such-team' does not exist/,
  ],
  // Network policy, queue, ArgoCD.
  [
    'bad namespace (policy)',
    'policy',
    { namespace: 'Bad_NS', team: 'nlp-team' },
    /namespace: 'Bad_NS' is not a valid name/,
  ],
  [
    'missing team (policy)',
    'policy',
    { namespace: 'nlp-team' },
    /team: is required/,
  ],
  [
    'team without namespace (policy)',
    'policy',
    { namespace: 'ghost-team', team: 'ghost-team' },
    /namespace: namespace 'ghost-team' does not exist/,
  ],
  [
    'zero weight',
    'queue',
    { team: 'nlp-team', weight: 0, gpus: 8 },
    /weight: must be a whole number from 1 to 1000 \(got 0\)/,
  ],
  [
    'huge weight',
    'queue',
    { team: 'nlp-team', weight: 5000, gpus: 8 },
    /weight: must be a whole number from 1 to 1000 \(got 5000\)/,
  ],
  [
    'negative queue GPUs',
    'queue',
    { team: 'nlp-team', weight: 1, gpus: -3 },
    /gpus: must be at least 0/,
  ],
  [
    'repo URL not a URL',
    'app',
    { ...app, repoUrl: 'not a url' },
    /repoUrl: 'not a url' is not a git repository URL/,
  ],
  [
    'project name too long',
    'app',
    { ...app, name: `p${long}` },
    /name: is 65 characters long/,
  ],
  [
    'team without namespace (app)',
    'app',
    { ...app, team: 'ghost-team' },
    /team: namespace 'ghost-team' does not exist/,
  ],
  // Quota check.
  [
    'negative GPUs per job',
    'check',
    { team: 'nlp-team', gpusPerJob: -2 },
    /gpusPerJob: must be at least 0 \(got -2\)/,
  ],
  [
    'GPUs per job above bound',
    'check',
    { team: 'nlp-team', gpusPerJob: 65 },
    /gpusPerJob: must be at most 64/,
  ],
  ['missing team (check)', 'check', { gpusPerJob: 1 }, /team: is required/],
  [
    'team without namespace (check)',
    'check',
    { team: 'ghost-team', gpusPerJob: 1 },
    /team: 'ghost-team' has no namespace on the cluster/,
  ],
  [
    'quota exceeded',
    'check',
    full,
    /gpusPerJob: 1 GPUs do not fit in full-[0-9a-f]{6}'s GPU quota: 2 of 2 are in use, 0 free/,
  ],
  [
    'more than the free GPUs',
    'check',
    { team: 'nlp-team', gpusPerJob: 9 },
    /gpusPerJob: 9 GPUs do not fit in nlp-team's GPU quota: 4 of 8 are in use, 4 free/,
  ],
  // MLflow, publishing, catalog.
  [
    'project with spaces',
    'mlflow',
    { team: 'nlp-team', project: 'My Project' },
    /project: 'My Project' is not a valid name/,
  ],
  [
    'unknown MLflow server',
    'mlflow',
    { team: 'nlp-team', project: 'ticket-router', server: 'nope' },
    /server: no MLflow server named 'nope' in mlflow.servers \(known: local\)/,
  ],
  [
    'repository name with underscore',
    'publish',
    { team: 'nlp-team', repoName: 'Repo_1' },
    /repoName: 'Repo_1' is not a valid name/,
  ],
  [
    'catalog file outside the publish folder',
    'register',
    { catalogInfoPath: '/etc/passwd' },
    /catalogInfoPath: '\/etc\/passwd' is not inside the publish folder/,
  ],
  ['missing catalog file path', 'register', {}, /catalogInfoPath: is required/],
];

describe('bad input fails before any side effect, naming the field', () => {
  beforeAll(async () => {
    full.team = await createTestTeam('full');
    await core.createNamespacedResourceQuota({
      namespace: full.team,
      body: {
        metadata: { name: 'gpu-quota' },
        spec: { hard: { 'requests.nvidia.com/gpu': '2' } },
      },
    });
    await waitForGpuQuota(full.team, { hard: '2', used: '0' });
    // It asks for GPUs without tolerating the GPU nodes' taint: it waits, and counts.
    await createPod(full.team, 'holds-the-quota', 2);
    await waitForGpuQuota(full.team, { used: '2' });
  });
  afterAll(() => deleteTestNamespace(full.team));

  const { kube, calls } = counting(new HttpKubeObjects(localCluster()));
  let mlflowCalls = 0;
  const fetchCounting: typeof fetch = (...args) => {
    mlflowCalls++;
    return fetch(...args);
  };
  const deps: ActionDeps = {
    kube,
    settings: readSettings(servicesConfig()),
    access: accessFor({ keeper: true }),
  };
  const nothing = {} as unknown;
  const actions = {
    namespace: createNamespaceAction(deps),
    quota: createGpuQuotaAction(deps),
    policy: createNetworkPolicyAction(deps),
    queue: createQueueAction({
      ...deps,
      settings: { ...deps.settings, queue: 'volcano' },
    }),
    app: createArgoApplicationAction(deps),
    check: createQuotaCheckAction(deps),
    mlflow: createMlflowExperimentAction(deps, fetchCounting),
    publish: createPublishLocalAction(deps),
    register: createRegisterLocalAction(
      deps,
      nothing as CatalogService,
      nothing as AuthService,
    ),
  };

  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', async (_name, action, input, message) => {
    const before = { ...calls };
    await expect(
      runAction(actions[action as keyof typeof actions], input as never),
    ).rejects.toThrow(message);
    expect(calls.apply).toBe(before.apply);
    expect(mlflowCalls).toBe(0);
  });
});
