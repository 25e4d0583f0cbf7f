// Both templates end to end through the scaffolder backend API, against the real kube-apiserver
// and MLflow that scripts/services.sh runs.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import {
  GROUPS,
  KEEPER,
  runTemplate,
  SCIENTIST,
  startScaffolderBackend,
  waitForTemplates,
} from './__testUtils__/scaffolderBackend';
import {
  core,
  createPod,
  objects,
  onboardedVersions,
  repoRoot,
  servicesConfig,
  waitForGpuQuota,
} from '@internal/plugin-mlp-kube-node/testUtils';

jest.setTimeout(300_000);

const team = `tt-${Date.now().toString(36)}`;

const onboarding = (gpus: number) => ({
  team,
  displayName: 'Template test team',
  members: ['amira.haddad'],
  gpus,
  maxGpusPerJob: 2,
  migSlices: 0,
  cpu: '32',
  memory: '128Gi',
  monthlyBudget: 1000,
  queueWeight: 3,
});

let ctx: Awaited<ReturnType<typeof startScaffolderBackend>>;

// A stand-in for a git host's raw file URLs: the repositories publish:github would have made.
const repos: Record<string, string> = {};
const gitHost = createServer((req, res) => {
  const body = repos[req.url ?? ''];
  res.statusCode = body ? 200 : 404;
  res.end(body ?? 'not found');
});

beforeAll(async () => {
  await new Promise<void>(resolve => gitHost.listen(0, '127.0.0.1', resolve));
  const { port } = gitHost.address() as AddressInfo;
  ctx = await startScaffolderBackend({ readableHost: `127.0.0.1:${port}` });
  await waitForTemplates(ctx.api(KEEPER));
});

afterAll(async () => {
  await ctx?.backend.stop();
  gitHost.close();
  await core.deleteNamespace({ name: team }).catch(() => undefined);
  for (const ref of [
    {
      apiVersion: 'scheduling.volcano.sh/v1beta1',
      kind: 'Queue',
      metadata: { name: team },
    },
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: team, namespace: 'argocd' },
    },
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: `${team}-model`, namespace: 'argocd' },
    },
  ]) {
    await objects.delete(ref).catch(() => undefined);
  }
});

describe('onboarding template through the scaffolder API', () => {
  it('a data scientist cannot run it: the task fails on the permission check and creates nothing', async () => {
    const result = await runTemplate(
      ctx.api(SCIENTIST),
      'onboard-ml-team',
      onboarding(4),
    );
    expect(result.status).toBe('failed');
    expect(result.log).toMatch(
      /only platform keepers \(permission mlp.team.onboard\) may onboard teams/,
    );
    await expect(core.readNamespace({ name: team })).rejects.toMatchObject({
      code: 404,
    });
  });

  it('a platform keeper onboards the team: every object exists with the right spec, and the team is in the catalog', async () => {
    const result = await runTemplate(
      ctx.api(KEEPER),
      'onboard-ml-team',
      onboarding(4),
    );
    expect(result.log).not.toMatch(/error/i);
    expect(result.status).toBe('completed');
    const quota = await core.readNamespacedResourceQuota({
      name: 'gpu-quota',
      namespace: team,
    });
    expect(quota.spec?.hard).toMatchObject({
      'requests.nvidia.com/gpu': '4',
      'requests.cpu': '32',
      'requests.memory': '128Gi',
    });
    const limits = await core.readNamespacedLimitRange({
      name: 'gpu-limits',
      namespace: team,
    });
    expect(limits.spec?.limits[0].max).toMatchObject({ 'nvidia.com/gpu': '2' });
    const queue = await objects.read({
      apiVersion: 'scheduling.volcano.sh/v1beta1',
      kind: 'Queue',
      metadata: { name: team },
    });
    expect((queue as unknown as { spec: { weight: number } }).spec.weight).toBe(
      3,
    );
    // The published repository holds the Group entity the catalog now serves.
    const file = join(
      ctx.publishDirectory,
      `team-${team}`,
      'catalog-info.yaml',
    );
    expect(parse(readFileSync(file, 'utf8'))).toMatchObject({
      kind: 'Group',
      metadata: {
        name: team,
        annotations: { 'mlplatform.dev/gpu-quota': '4' },
      },
      spec: { members: ['amira.haddad'], parent: 'ml-org' },
    });
    const group = await ctx
      .api(KEEPER)
      .get(`/api/catalog/entities/by-name/group/default/${team}`);
    expect(group.status).toBe(200);
    // Signing in again would now give amira.haddad this membership.
    GROUPS[SCIENTIST].push(`group:default/${team}`);
  });

  it('a re-run with the same input changes nothing and fails nothing', async () => {
    const before = await onboardedVersions(team);
    const result = await runTemplate(
      ctx.api(KEEPER),
      'onboard-ml-team',
      onboarding(4),
    );
    expect(result.status).toBe('completed');
    expect(await onboardedVersions(team)).toEqual(before);
    expect(result.log).toMatch(/nothing committed/);
  });

  it('a re-run with a new quota updates it, and the API server enforces it', async () => {
    const result = await runTemplate(
      ctx.api(KEEPER),
      'onboard-ml-team',
      onboarding(2),
    );
    expect(result.status).toBe('completed');
    const quota = await core.readNamespacedResourceQuota({
      name: 'gpu-quota',
      namespace: team,
    });
    expect(quota.spec?.hard?.['requests.nvidia.com/gpu']).toBe('2');
    // The quota controller must see the new hard value before admission enforces it.
    await waitForGpuQuota(team, { hard: '2' });
    await createPod(team, 'fits', 2);
    await expect(createPod(team, 'over', 2)).rejects.toMatchObject({
      code: 403,
      body: expect.stringMatching(/exceeded quota: gpu-quota/),
    });
  });
});

describe('ML project template through the scaffolder API', () => {
  const project = `${team}-model`;
  const values = {
    name: project,
    description: 'Routes support tickets to the right queue',
    team: `group:default/${team}`,
    modelType: 'nlp',
    framework: 'sklearn',
    gpusPerJob: 0,
    runtimeHours: 12,
  };

  it('refuses a project needing more GPUs than the team has free, before creating anything', async () => {
    const result = await runTemplate(ctx.api(SCIENTIST), 'ml-project', {
      ...values,
      gpusPerJob: 2,
    });
    expect(result.status).toBe('failed');
    // 'fits' holds both GPUs of the team's quota of 2.
    expect(result.log).toMatch(
      /gpusPerJob: 2 GPUs do not fit in .*'s GPU quota: 2 of 2 are in use, 0 free/,
    );
    expect(existsSync(join(ctx.publishDirectory, project))).toBe(false);
  });

  it('bootstraps the project: repository, MLflow experiment, ArgoCD application, catalog entity', async () => {
    const result = await runTemplate(ctx.api(SCIENTIST), 'ml-project', values);
    expect(result.status).toBe('completed');
    const repo = join(ctx.publishDirectory, project);
    for (const path of [
      'src/train.py',
      'src/evaluate.py',
      'src/inference.py',
      'tests/test_pipeline.py',
      'config/hyperparams.yaml',
      'Dockerfile',
      'requirements.txt',
      'catalog-info.yaml',
      'mkdocs.yml',
      'docs/index.md',
      'README.md',
      'notebooks/exploration.ipynb',
      'data/README.md',
    ]) {
      expect(existsSync(join(repo, path))).toBe(true);
    }
    expect(
      execFileSync('git', ['log', '--format=%s'], {
        cwd: repo,
        encoding: 'utf8',
      }),
    ).toMatch(/template:default\/ml-project run by user:default\/amira.haddad/);

    const entity = await ctx
      .api(SCIENTIST)
      .get(`/api/catalog/entities/by-name/component/default/${project}`);
    expect(entity.status).toBe(200);
    expect(entity.body.spec).toMatchObject({
      type: 'ml-model',
      owner: `group:default/${team}`,
    });
    expect(entity.body.metadata.annotations).toMatchObject({
      'mlflow.org/experiment-name': `${team}/${project}`,
      'backstage.io/kubernetes-namespace': team,
      'backstage.io/techdocs-ref': 'dir:.',
    });

    const mlflow = (
      servicesConfig().get('mlflow') as { servers: Array<{ baseUrl: string }> }
    ).servers[0];
    const experiment = await fetch(
      `${
        mlflow.baseUrl
      }/api/2.0/mlflow/experiments/get-by-name?experiment_name=${encodeURIComponent(
        `${team}/${project}`,
      )}`,
    ).then(r => r.json());
    expect(experiment.experiment.tags).toEqual(
      expect.arrayContaining([
        { key: 'team', value: team },
        { key: 'project', value: project },
      ]),
    );

    const app = (await objects.read({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: project, namespace: 'argocd' },
    })) as unknown as {
      spec: { source: { repoURL: string }; destination: { namespace: string } };
    };
    expect(app.spec.source.repoURL).toBe(`file://${repo}`);
    expect(app.spec.destination.namespace).toBe(team);
  });

  it('a re-run converges: same experiment, no new commit, ArgoCD application unchanged', async () => {
    const repo = join(ctx.publishDirectory, project);
    const head = () =>
      execFileSync('git', ['rev-parse', 'HEAD'], {
        cwd: repo,
        encoding: 'utf8',
      });
    const before = head();
    const result = await runTemplate(ctx.api(SCIENTIST), 'ml-project', values);
    expect(result.status).toBe('completed');
    expect(head()).toBe(before);
    expect(result.log).toMatch(
      /MLflow experiment .* exists \(id \d+\); reusing it/,
    );
    expect(result.log).toMatch(/Application argocd\/.*: unchanged/);
  });

  it.each([
    ['framework', { framework: 'jax' }],
    ['modelType', { modelType: 'audio' }],
    ['name', { name: 'My_Project' }],
    ['gpusPerJob', { gpusPerJob: -1 }],
    ['team', { team: undefined }],
  ])(
    'the scaffolder refuses a bad %s before running any step',
    async (field, change) => {
      const res = await ctx.api(SCIENTIST).post('/api/scaffolder/v2/tasks', {
        templateRef: 'template:default/ml-project',
        values: { ...values, ...change },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain(field);
    },
  );

  it('a member of another team cannot bootstrap a project for this team', async () => {
    const result = await runTemplate(
      ctx.api(KEEPER.replace('morgan.lee', 'li.wei')),
      'ml-project',
      {
        ...values,
        name: `${team}-other`,
      },
    );
    expect(result.status).toBe('failed');
    expect(result.log).toMatch(
      /user:default\/li.wei is not a member of group:default\/tt-/,
    );
  });
});

describe('ML project skeleton: every variant renders and runs', () => {
  const templateDir = join(repoRoot(), 'templates', 'ml-project');
  const python = join(repoRoot(), '.venv-mlflow', 'bin', 'python');

  function filesUnder(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
  }

  /** Renders the template with the scaffolder's dry-run API; returns the folder it wrote. */
  async function render(framework: string, modelType: string) {
    const res = await ctx.api(SCIENTIST).post('/api/scaffolder/v2/dry-run', {
      template: parse(readFileSync(join(templateDir, 'template.yaml'), 'utf8')),
      values: {
        name: `${modelType}-${framework}`,
        description: 'A skeleton under test',
        team: 'group:default/nlp-team',
        modelType,
        framework,
        gpusPerJob: 1,
        runtimeHours: 2,
      },
      secrets: {},
      directoryContents: filesUnder(templateDir).map(path => ({
        path: relative(templateDir, path),
        base64Content: readFileSync(path).toString('base64'),
      })),
    });
    expect(res.status).toBe(200);
    const dir = mkdtempSync(
      join(tmpdir(), `skeleton-${framework}-${modelType}-`),
    );
    for (const file of res.body.directoryContents as Array<{
      path: string;
      base64Content: string;
    }>) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(
        join(dir, file.path),
        Buffer.from(file.base64Content, 'base64'),
      );
    }
    return {
      dir,
      log: (res.body.log as Array<{ body: { message: string } }>)
        .map(l => l.body.message)
        .join('\n'),
    };
  }

  const variants = ['sklearn', 'pytorch', 'tensorflow'].flatMap(framework =>
    ['nlp', 'vision', 'tabular', 'reinforcement'].map(modelType => [
      framework,
      modelType,
    ]),
  );

  it.each(variants)(
    '%s / %s renders valid files, and its Python compiles',
    async (framework, modelType) => {
      const { dir, log } = await render(framework, modelType);
      // The dry run ran the quota check for real and planned the rest. The quota itself may have
      // grown: the GPU quota e2e test approves increases on the same local cluster.
      expect(log).toMatch(
        /nlp-team: \d+\/\d+ GPUs in use, \d+ free; a 1-GPU job fits/,
      );
      expect(log).toMatch(/Dry run: would apply Application argocd\//);
      const entity = parse(
        readFileSync(join(dir, 'catalog-info.yaml'), 'utf8'),
      );
      expect(entity.metadata.annotations).toMatchObject({
        'mlplatform.dev/framework': framework,
        'mlplatform.dev/model-type': modelType,
        'mlflow.org/experiment-name': `nlp-team/${modelType}-${framework}`,
      });
      JSON.parse(
        readFileSync(join(dir, 'notebooks', 'exploration.ipynb'), 'utf8'),
      );
      const requirements = readFileSync(join(dir, 'requirements.txt'), 'utf8');
      expect(requirements.includes('torch==')).toBe(framework === 'pytorch');
      expect(requirements.includes('tensorflow==')).toBe(
        framework === 'tensorflow',
      );
      for (const file of filesUnder(dir).filter(f => f.endsWith('.py'))) {
        execFileSync(python, ['-m', 'py_compile', file]);
        expect(readFileSync(file, 'utf8')).not.toMatch(/\$\{\{|\{%/);
      }
    },
  );

  it.each(['nlp', 'vision', 'tabular', 'reinforcement'])(
    "sklearn / %s: the project's own tests pass",
    async modelType => {
      const { dir } = await render('sklearn', modelType);
      const out = execFileSync(
        python,
        ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'],
        {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, MLFLOW_TRACKING_URI: '' },
        },
      );
      expect(out).toMatch(/3 passed/);
    },
  );
});

describe('registering a repository published to a git host', () => {
  const url = (path: string) =>
    `http://127.0.0.1:${(gitHost.address() as AddressInfo).port}${path}`;

  it("registers the team's own model for a team member, through the backend", async () => {
    repos['/nlp/router/catalog-info.yaml'] = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata: { name: hosted-router }',
      'spec: { type: ml-model, lifecycle: experimental, owner: group:default/nlp-team }',
    ].join('\n');
    const result = await runTemplate(ctx.api(SCIENTIST), 'test-register-repo', {
      team: 'nlp-team',
      repoContentsUrl: url('/nlp/router'),
    });
    expect(result.log).toMatch(/Registered .*component:default\/hosted-router/);
    expect(result.status).toBe('completed');
    for (let i = 0; i < 60; i++) {
      const res = await ctx
        .api(SCIENTIST)
        .get('/api/catalog/entities/by-name/component/default/hosted-router');
      if (res.status === 200) return;
      await new Promise(r => setTimeout(r, 500));
    }
    throw new Error(
      'component:default/hosted-router never appeared in the catalog',
    );
  });

  it("refuses a file with a group, or with another team's component", async () => {
    repos['/nlp/evil/catalog-info.yaml'] = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Group',
      'metadata: { name: platform-team-2 }',
      'spec: { type: team, children: [], members: [amira.haddad] }',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata: { name: not-ours }',
      'spec: { type: ml-model, lifecycle: experimental, owner: group:default/vision-team }',
    ].join('\n');
    const result = await runTemplate(ctx.api(SCIENTIST), 'test-register-repo', {
      team: 'nlp-team',
      repoContentsUrl: url('/nlp/evil'),
    });
    expect(result.status).toBe('failed');
    expect(result.log).toMatch(/which a project of nlp-team may not register/);
    expect(result.log).toMatch(/holds .*group:default\/platform-team-2/);
    expect(result.log).toMatch(/holds .*component:default\/not-ours/);
    const group = await ctx
      .api(KEEPER)
      .get('/api/catalog/entities/by-name/group/default/platform-team-2');
    expect(group.status).toBe(404);
  });
});

// Last: it stops and restarts the local control plane.
