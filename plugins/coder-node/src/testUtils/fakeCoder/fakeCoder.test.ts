import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applySeed,
  FakeCoder,
  FakeCoderUser,
  parseSeed,
  startFakeCoder,
} from '.';

const NOT_FOUND = {
  message: 'Resource not found or you do not have access to this resource',
};
const SIGNED_OUT =
  'You are signed out or your session has expired. Please sign in again to continue.';
const STEP = 1000;

type Answer = { status: number; body: any; headers: Headers };

let clock: number;
let fake: FakeCoder;
let alice: FakeCoderUser;
let bob: FakeCoderUser;
let admin: FakeCoderUser;
let gpuTemplate: { id: string; active_version_id: string };
let cpuTemplate: { id: string };

async function call(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token) headers['Coder-Session-Token'] = token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${fake.url}/api/v2${path}`, {
    method,
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

const get = (path: string, token?: string) => call('GET', path, token);

function createWorkspace(
  token: string,
  body: Record<string, unknown>,
  user = 'me',
) {
  return call(
    'POST',
    `/organizations/${fake.defaultOrganization.id}/members/${user}/workspaces`,
    token,
    body,
  );
}

async function runningWorkspace(
  token: string,
  name: string,
  gpuCount = '1',
  templateId = gpuTemplate.id,
) {
  const created = await createWorkspace(token, {
    name,
    template_id: templateId,
    rich_parameter_values: [
      { name: 'repo_url', value: `https://git.example.com/${name}.git` },
      ...(templateId === gpuTemplate.id
        ? [{ name: 'gpu_count', value: gpuCount }]
        : []),
    ],
  });
  expect(created.status).toBe(201);
  return created.body;
}

function search(token: string, q: string, extra = '') {
  return get(`/workspaces?q=${encodeURIComponent(q)}${extra}`, token);
}

const names = (answer: Answer) =>
  answer.body.workspaces.map((w: { name: string }) => w.name);

beforeEach(async () => {
  clock = Date.parse('2025-06-02T08:00:00.000Z');
  fake = await startFakeCoder({ buildStepMs: STEP, now: () => clock });
  alice = fake.addUser({ username: 'alice', quotaBudget: 100 });
  bob = fake.addUser({ username: 'bob', quotaBudget: 100 });
  admin = fake.addUser({ username: 'admin', roles: ['owner'] });
  gpuTemplate = fake.addTemplate({
    name: 'gpu-workspace',
    displayName: 'GPU workspace',
    dailyCost: 10,
    parameters: [
      { name: 'repo_url', displayName: 'Repository URL', type: 'string' },
      {
        name: 'gpu_count',
        displayName: 'GPU count',
        type: 'number',
        defaultValue: 1,
        mutable: true,
        validationMin: 0,
        validationMax: 8,
      },
      {
        name: 'image',
        type: 'string',
        defaultValue: 'pytorch',
        mutable: true,
        options: [
          { name: 'PyTorch', value: 'pytorch' },
          { name: 'TensorFlow', value: 'tensorflow' },
        ],
      },
    ],
  });
  cpuTemplate = fake.addTemplate({
    name: 'cpu-notebook',
    parameters: [{ name: 'repo_url', type: 'string' }],
  });
});

afterEach(async () => {
  await fake.close();
});

describe('authentication', () => {
  it('serves buildinfo without a session and names the version in a header', async () => {
    const info = await get('/buildinfo');
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({
      version: 'v2.33.0+fake',
      external_url: expect.any(String),
      dashboard_url: fake.url,
      workspace_proxy: false,
      deployment_id: expect.any(String),
    });
    expect(info.headers.get('x-coder-build-version')).toBe('v2.33.0+fake');
  });

  it('answers 401 with the bodies of httpmw.ExtractAPIKey', async () => {
    expect(await get('/users/me')).toMatchObject({
      status: 401,
      body: {
        message: SIGNED_OUT,
        detail:
          'Cookie "coder_session_token" or query parameter must be provided.',
      },
    });
    expect((await get('/users/me', 'not-a-token')).body).toEqual({
      message: SIGNED_OUT,
      detail:
        'Invalid API key format: incorrect amount of API key parts, expected 2 got 3',
    });
    expect(
      (await get('/users/me', 'abcdefghij-abcdefghijklmnopqrstuv')).body,
    ).toEqual({ message: SIGNED_OUT, detail: 'API key is invalid.' });
    const wrongSecret = `${alice.token.split('-')[0]}-abcdefghijklmnopqrstuv`;
    expect((await get('/users/me', wrongSecret)).body.detail).toBe(
      'API key secret is invalid.',
    );

    fake.revokeToken(bob.token);
    expect(await get('/users/me', bob.token)).toMatchObject({
      status: 401,
      body: { message: SIGNED_OUT, detail: 'API key is invalid.' },
    });

    fake.expireToken(alice.token);
    const expired = await get('/users/me', alice.token);
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toBe(
      'API key expired at "2025-06-02 07:59:59 +0000 UTC".',
    );

    fake.setUserStatus('admin', 'suspended');
    expect(await get('/users/me', admin.token)).toMatchObject({
      status: 401,
      body: {
        message:
          'User is not active (status = "suspended"). Contact an admin to reactivate your account.',
      },
    });
  });

  it('accepts the token as a query parameter too, and logs every request', async () => {
    const me = await get(`/users/me?coder_session_token=${alice.token}`);
    expect(me.status).toBe(200);
    await get('/nope', alice.token);
    expect(fake.requests.map(r => [r.method, r.path, r.status])).toEqual([
      ['GET', '/api/v2/users/me', 200],
      ['GET', '/api/v2/nope', 404],
    ]);
    expect(fake.requests[0].query).toEqual({
      coder_session_token: alice.token,
    });
  });
});

describe('users, organizations and templates', () => {
  it('answers codersdk.User and the default organization', async () => {
    const me = await get('/users/me', admin.token);
    expect(me.body).toEqual({
      id: admin.id,
      username: 'admin',
      avatar_url: '',
      name: '',
      email: 'admin@example.com',
      created_at: '2025-06-02T08:00:00.000Z',
      updated_at: '2025-06-02T08:00:00.000Z',
      last_seen_at: '2025-06-02T08:00:00.000Z',
      status: 'active',
      login_type: 'password',
      theme_preference: '',
      organization_ids: [fake.defaultOrganization.id],
      roles: [{ name: 'owner', display_name: 'Owner' }],
    });
    expect((await get('/users/alice', bob.token)).body.id).toBe(alice.id);
    expect(await get('/users/nobody', bob.token)).toMatchObject({
      status: 400,
      body: {
        message: '"user" must be an existing uuid or username.',
        detail: 'queried user="nobody"',
      },
    });

    const orgs = await get('/users/me/organizations', alice.token);
    expect(orgs.body).toEqual([
      {
        id: fake.defaultOrganization.id,
        name: 'coder',
        display_name: 'Coder',
        description: expect.any(String),
        icon: '',
        created_at: expect.any(String),
        updated_at: expect.any(String),
        is_default: true,
      },
    ]);
  });

  it('lists templates and their rich parameters as codersdk shapes', async () => {
    const templates = await get(
      `/organizations/${fake.defaultOrganization.id}/templates`,
      alice.token,
    );
    expect(templates.body.map((t: { name: string }) => t.name)).toEqual([
      'cpu-notebook',
      'gpu-workspace',
    ]);
    expect(templates.body[1]).toMatchObject({
      id: gpuTemplate.id,
      name: 'gpu-workspace',
      display_name: 'GPU workspace',
      organization_id: fake.defaultOrganization.id,
      organization_name: 'coder',
      active_version_id: gpuTemplate.active_version_id,
      provisioner: 'terraform',
      deprecated: false,
      use_classic_parameter_flow: true,
    });
    expect(
      (await get('/organizations/default/templates', alice.token)).body,
    ).toHaveLength(2);
    expect((await get('/templates', alice.token)).body).toHaveLength(2);

    const params = await get(
      `/templateversions/${gpuTemplate.active_version_id}/rich-parameters`,
      alice.token,
    );
    expect(params.body).toEqual([
      {
        name: 'repo_url',
        display_name: 'Repository URL',
        description: '',
        description_plaintext: '',
        type: 'string',
        mutable: false,
        default_value: '',
        icon: '',
        options: [],
        required: true,
        ephemeral: false,
      },
      {
        name: 'gpu_count',
        display_name: 'GPU count',
        description: '',
        description_plaintext: '',
        type: 'number',
        mutable: true,
        default_value: '1',
        icon: '',
        options: [],
        required: false,
        ephemeral: false,
        validation_min: 0,
        validation_max: 8,
      },
      expect.objectContaining({
        name: 'image',
        options: [
          { name: 'PyTorch', description: '', value: 'pytorch', icon: '' },
          {
            name: 'TensorFlow',
            description: '',
            value: 'tensorflow',
            icon: '',
          },
        ],
      }),
    ]);
    expect(params.body[2]).not.toHaveProperty('display_name');
  });

  it('answers 400 for a malformed id and 404 for an unknown one or an unknown route', async () => {
    expect(
      await get('/templateversions/nope/rich-parameters', alice.token),
    ).toMatchObject({
      status: 400,
      body: {
        message: 'Invalid UUID "nope".',
        detail: 'invalid UUID length: 4',
      },
    });
    expect(
      await get(
        '/templateversions/6a8d5c41-1111-4222-8333-944455556666/rich-parameters',
        alice.token,
      ),
    ).toMatchObject({ status: 404, body: NOT_FOUND });
    expect(await get('/workspaces/x/nothing', alice.token)).toMatchObject({
      status: 404,
      body: { message: 'Route not found.' },
    });
  });
});

describe('creating workspaces', () => {
  it('answers 201 with codersdk.Workspace whose first build is pending', async () => {
    const ws = await runningWorkspace(alice.token, 'train-a', '2');
    expect(ws).toMatchObject({
      name: 'train-a',
      owner_id: alice.id,
      owner_name: 'alice',
      organization_id: fake.defaultOrganization.id,
      organization_name: 'coder',
      template_id: gpuTemplate.id,
      template_name: 'gpu-workspace',
      template_display_name: 'GPU workspace',
      template_active_version_id: gpuTemplate.active_version_id,
      outdated: false,
      automatic_updates: 'never',
      health: { healthy: true, failing_agents: [] },
      latest_build: {
        build_number: 1,
        transition: 'start',
        status: 'pending',
        reason: 'initiator',
        initiator_id: alice.id,
        initiator_name: 'alice',
        template_version_id: gpuTemplate.active_version_id,
        daily_cost: 0,
        deadline: null,
        resources: [],
        job: { status: 'pending', type: 'workspace_build' },
      },
    });
    expect(ws).not.toHaveProperty('ttl_ms');
    expect(ws.latest_build.job).not.toHaveProperty('started_at');

    const params = await get(
      `/workspacebuilds/${ws.latest_build.id}/parameters`,
      alice.token,
    );
    expect(params.body).toEqual([
      { name: 'repo_url', value: 'https://git.example.com/train-a.git' },
      { name: 'gpu_count', value: '2' },
      { name: 'image', value: 'pytorch' },
    ]);
    const byName = await get('/users/alice/workspace/train-a', alice.token);
    expect(byName.body.id).toBe(ws.id);
  });

  it('validates the request body the way httpapi.Read does', async () => {
    expect(
      await createWorkspace(alice.token, {
        name: 'Bad_Name',
        template_id: gpuTemplate.id,
      }),
    ).toMatchObject({
      status: 400,
      body: {
        message: 'Validation failed.',
        validations: [
          {
            field: 'name',
            detail:
              'Validation failed for tag "workspace_name" with value: "Bad_Name"',
          },
        ],
      },
    });
    const tooLong = 'a'.repeat(33);
    expect(
      (
        await createWorkspace(alice.token, {
          name: tooLong,
          template_id: gpuTemplate.id,
        })
      ).body.validations,
    ).toEqual([
      {
        field: 'name',
        detail: `Validation failed for tag "workspace_name" with value: "${tooLong}"`,
      },
    ]);
    expect((await createWorkspace(alice.token, { name: 'ok' })).body).toEqual({
      message: 'Validation failed.',
      validations: [
        {
          field: 'template_id',
          detail:
            'Validation failed for tag "required_without" with value: "00000000-0000-0000-0000-000000000000"',
        },
        {
          field: 'template_version_id',
          detail:
            'Validation failed for tag "required_without" with value: "00000000-0000-0000-0000-000000000000"',
        },
      ],
    });
    expect(await createWorkspace(alice.token, 'not json' as any)).toMatchObject(
      {
        status: 400,
        body: { message: 'Request body must be valid JSON.' },
      },
    );
    expect(
      (
        await createWorkspace(alice.token, {
          name: 7,
          template_id: gpuTemplate.id,
        })
      ).body,
    ).toEqual({
      message: 'Request body must be valid JSON.',
      detail:
        'json: cannot unmarshal number into Go struct field CreateWorkspaceRequest.name of type string',
    });
  });

  it('refuses an unknown template, a taken name, bad parameters and a short TTL', async () => {
    const missing = '6a8d5c41-1111-4222-8333-944455556666';
    expect(
      await createWorkspace(alice.token, { name: 'x', template_id: missing }),
    ).toMatchObject({
      status: 400,
      body: {
        message: `Template "${missing}" doesn't exist.`,
        validations: [{ field: 'template_id', detail: 'template not found' }],
      },
    });

    await runningWorkspace(alice.token, 'train-a');
    expect(
      await createWorkspace(alice.token, {
        name: 'TRAIN-A',
        template_id: gpuTemplate.id,
        rich_parameter_values: [{ name: 'repo_url', value: 'x' }],
      }),
    ).toMatchObject({
      status: 409,
      body: {
        message: 'Workspace "TRAIN-A" already exists.',
        validations: [
          {
            field: 'name',
            detail: 'This value is already in use and should be unique.',
          },
        ],
      },
    });

    expect(
      (
        await createWorkspace(alice.token, {
          name: 'b',
          template_id: gpuTemplate.id,
        })
      ).body,
    ).toEqual({
      message: 'Unable to validate parameter "repo_url"',
      detail: 'Parameter "repo_url" is required but not provided',
    });
    const withParams = (values: Array<{ name: string; value: string }>) =>
      createWorkspace(alice.token, {
        name: 'b',
        template_id: gpuTemplate.id,
        rich_parameter_values: [{ name: 'repo_url', value: 'r' }, ...values],
      });
    expect(
      (await withParams([{ name: 'gpu_count', value: '9' }])).body,
    ).toEqual({
      message: 'Unable to validate parameter "gpu_count"',
      detail: `can't validate build parameter "GPU count": value 9 is more than the maximum 8`,
    });
    expect(
      (await withParams([{ name: 'gpu_count', value: 'two' }])).body.detail,
    ).toBe(
      `can't validate build parameter "GPU count": value "two" is not a number`,
    );
    expect((await withParams([{ name: 'image', value: 'jax' }])).body).toEqual({
      message: 'Unable to validate parameter "image"',
      detail: `can't validate build parameter "image": parameter value must match one of options: [pytorch tensorflow]`,
    });
    expect(
      await createWorkspace(alice.token, {
        name: 'b',
        template_id: gpuTemplate.id,
        ttl_ms: 1000,
        rich_parameter_values: [{ name: 'repo_url', value: 'r' }],
      }),
    ).toMatchObject({
      status: 400,
      body: {
        message: 'Invalid Workspace Time to Shutdown.',
        validations: [
          {
            field: 'ttl_ms',
            detail: 'time until shutdown must be at least one minute',
          },
        ],
      },
    });
    // Nothing was created by the refused requests.
    expect((await get('/workspaces', alice.token)).body.count).toBe(1);
  });

  it('lets only owners create for another user, and only for members', async () => {
    const body = {
      name: 'theirs',
      template_id: cpuTemplate.id,
      rich_parameter_values: [{ name: 'repo_url', value: 'r' }],
    };
    expect(await createWorkspace(bob.token, body, 'alice')).toMatchObject({
      status: 404,
      body: NOT_FOUND,
    });
    const carol = fake.addUser({
      username: 'carol',
      organizationMember: false,
    });
    expect(await createWorkspace(admin.token, body, 'carol')).toMatchObject({
      status: 404,
      body: NOT_FOUND,
    });
    expect(
      await get(
        `/organizations/${fake.defaultOrganization.id}/templates`,
        carol.token,
      ),
    ).toMatchObject({ status: 404, body: NOT_FOUND });
    expect((await createWorkspace(admin.token, body, 'nobody')).status).toBe(
      400,
    );
    const made = await createWorkspace(admin.token, body, 'alice');
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ owner_name: 'alice' });
    expect(made.body.latest_build.initiator_name).toBe('admin');
  });
});

describe('builds', () => {
  const latest = async (id: string, token = alice.token) =>
    (await get(`/workspaces/${id}`, token)).body.latest_build;

  it('moves start, stop and delete builds through Coder statuses step by step', async () => {
    const ws = await runningWorkspace(alice.token, 'train-a');
    expect((await latest(ws.id)).status).toBe('pending');
    clock += STEP;
    expect(await latest(ws.id)).toMatchObject({
      status: 'starting',
      job: { status: 'running', started_at: '2025-06-02T08:00:01.000Z' },
    });
    clock += STEP;
    const running = await latest(ws.id);
    expect(running).toMatchObject({
      status: 'running',
      daily_cost: 10,
      job: { status: 'succeeded', completed_at: '2025-06-02T08:00:02.000Z' },
      resources: [
        {
          workspace_transition: 'start',
          daily_cost: 10,
          agents: [{ status: 'connected', lifecycle_state: 'ready' }],
        },
      ],
    });

    const stop = await call(
      'POST',
      `/workspaces/${ws.id}/builds`,
      alice.token,
      {
        transition: 'stop',
      },
    );
    expect(stop).toMatchObject({
      status: 201,
      body: { build_number: 2, transition: 'stop', status: 'pending' },
    });
    expect(
      await call('POST', `/workspaces/${ws.id}/builds`, alice.token, {
        transition: 'start',
      }),
    ).toMatchObject({
      status: 409,
      body: {
        message: 'A workspace build is already active.',
        detail: 'A workspace build is already active.',
      },
    });
    clock += STEP;
    expect((await latest(ws.id)).status).toBe('stopping');
    clock += STEP;
    const stopped = await latest(ws.id);
    expect(stopped).toMatchObject({ status: 'stopped', daily_cost: 0 });
    expect(stopped.resources[0]).not.toHaveProperty('agents');

    // A stopped workspace keeps its parameters; the next start reuses them.
    const start = await call(
      'POST',
      `/workspaces/${ws.id}/builds`,
      alice.token,
      {
        transition: 'start',
      },
    );
    expect(start.body.build_number).toBe(3);
    clock += 2 * STEP;
    expect((await latest(ws.id)).status).toBe('running');
    // Coder has no "already running" check: another start is simply another build.
    const again = await call(
      'POST',
      `/workspaces/${ws.id}/builds`,
      alice.token,
      {
        transition: 'start',
      },
    );
    expect(again.status).toBe(201);
    clock += 2 * STEP;

    const del = await call('POST', `/workspaces/${ws.id}/builds`, alice.token, {
      transition: 'delete',
    });
    expect(del.body).toMatchObject({ transition: 'delete', status: 'pending' });
    clock += STEP;
    expect((await latest(ws.id)).status).toBe('deleting');
    clock += STEP;
    expect(await get(`/workspaces/${ws.id}`, alice.token)).toMatchObject({
      status: 410,
      body: {
        message: `Workspace "${ws.id}" was deleted, you can view this workspace by specifying '?deleted=true' and trying again.`,
      },
    });
    const deleted = await get(
      `/workspaces/${ws.id}?include_deleted=true`,
      alice.token,
    );
    expect(deleted.body.latest_build).toMatchObject({
      status: 'deleted',
      build_number: 5,
    });
    expect((await get('/users/me/workspace/train-a', alice.token)).status).toBe(
      404,
    );
    expect((await get('/workspaces', alice.token)).body).toEqual({
      workspaces: [],
      count: 0,
    });
    // The name is free again.
    await runningWorkspace(alice.token, 'train-a');
    expect((await get('/workspaces/x', alice.token)).body.message).toBe(
      'Invalid UUID "x".',
    );
  });

  it('validates the transition and immutable parameters', async () => {
    const ws = await runningWorkspace(alice.token, 'train-a');
    clock += 2 * STEP;
    expect(
      await call('POST', `/workspaces/${ws.id}/builds`, alice.token, {
        transition: 'reboot',
      }),
    ).toMatchObject({
      status: 400,
      body: {
        message: 'Validation failed.',
        validations: [
          {
            field: 'transition',
            detail: 'Validation failed for tag "oneof" with value: "reboot"',
          },
        ],
      },
    });
    expect(
      (
        await call('POST', `/workspaces/${ws.id}/builds`, alice.token, {
          transition: 'start',
          rich_parameter_values: [{ name: 'repo_url', value: 'other' }],
        })
      ).body,
    ).toEqual({
      message: 'Unable to validate parameter "repo_url"',
      detail: `Parameter "repo_url" is not mutable, so it can't be updated after creating a workspace.`,
    });
    const resized = await call(
      'POST',
      `/workspaces/${ws.id}/builds`,
      alice.token,
      {
        transition: 'start',
        rich_parameter_values: [{ name: 'gpu_count', value: '4' }],
      },
    );
    expect(resized.status).toBe(201);
    expect(
      (await get(`/workspacebuilds/${resized.body.id}/parameters`, alice.token))
        .body,
    ).toContainEqual({ name: 'gpu_count', value: '4' });
  });

  it('fails the build job with "insufficient quota" when the budget would be exceeded', async () => {
    fake.setQuotaBudget('alice', 15);
    const first = await runningWorkspace(alice.token, 'first');
    clock += 2 * STEP;
    expect((await get('/workspace-quota/alice', alice.token)).body).toEqual({
      credits_consumed: 10,
      budget: 15,
    });

    const second = await runningWorkspace(alice.token, 'second');
    clock += STEP;
    expect((await latest(second.id)).status).toBe('starting');
    clock += STEP;
    expect(await latest(second.id)).toMatchObject({
      status: 'failed',
      daily_cost: 0,
      resources: [],
      job: { status: 'failed', error: 'insufficient quota' },
    });
    expect(
      (
        await get(
          `/organizations/${fake.defaultOrganization.id}/members/me/workspace-quota`,
          alice.token,
        )
      ).body,
    ).toEqual({ credits_consumed: 10, budget: 15 });

    // Stopping the first frees its credits; the second then starts.
    await call('POST', `/workspaces/${first.id}/builds`, alice.token, {
      transition: 'stop',
    });
    clock += 2 * STEP;
    expect(
      (await get('/workspace-quota/me', alice.token)).body.credits_consumed,
    ).toBe(0);
    await call('POST', `/workspaces/${second.id}/builds`, alice.token, {
      transition: 'start',
    });
    clock += 2 * STEP;
    expect((await latest(second.id)).status).toBe('running');
    expect((await get('/workspace-quota/alice', bob.token)).status).toBe(404);
  });

  it('fails build jobs with the error set by failBuildsWith', async () => {
    fake.failBuildsWith('terraform apply: pods "x" is forbidden');
    const ws = await runningWorkspace(alice.token, 'broken');
    clock += 2 * STEP;
    expect(await latest(ws.id)).toMatchObject({
      status: 'failed',
      job: {
        status: 'failed',
        error: 'terraform apply: pods "x" is forbidden',
      },
    });
    fake.failBuildsWith(undefined);
    await call('POST', `/workspaces/${ws.id}/builds`, alice.token, {
      transition: 'start',
    });
    clock += 2 * STEP;
    expect((await latest(ws.id)).status).toBe('running');
  });

  it("answers 404 for another user's workspace, as for a missing one", async () => {
    const ws = await runningWorkspace(alice.token, 'train-a');
    expect(await get(`/workspaces/${ws.id}`, bob.token)).toMatchObject({
      status: 404,
      body: NOT_FOUND,
    });
    expect(
      await get('/users/alice/workspace/train-a', bob.token),
    ).toMatchObject({
      status: 404,
      body: NOT_FOUND,
    });
    expect(
      await call('POST', `/workspaces/${ws.id}/builds`, bob.token, {
        transition: 'stop',
      }),
    ).toMatchObject({ status: 404, body: NOT_FOUND });
    expect(
      await get(`/workspacebuilds/${ws.latest_build.id}/parameters`, bob.token),
    ).toMatchObject({ status: 404, body: NOT_FOUND });
    expect((await get(`/workspaces/${ws.id}`, admin.token)).status).toBe(200);
  });
});

describe('workspace search', () => {
  beforeEach(async () => {
    await runningWorkspace(alice.token, 'train-a', '2');
    await runningWorkspace(alice.token, 'notebook-1', '1', cpuTemplate.id);
    await runningWorkspace(bob.token, 'train-b', '4');
    clock += 2 * STEP;
  });

  it('shows a user only their own workspaces, an owner everyone', async () => {
    const mine = await get('/workspaces', alice.token);
    expect(mine.body.count).toBe(2);
    expect(names(mine).sort()).toEqual(['notebook-1', 'train-a']);
    expect((await search(alice.token, 'owner:bob')).body).toEqual({
      workspaces: [],
      count: 0,
    });
    expect((await search(admin.token, 'owner:me')).body.count).toBe(0);
    expect(names(await get('/workspaces', admin.token))).toEqual([
      'notebook-1',
      'train-a',
      'train-b',
    ]);
    expect(names(await search(admin.token, 'owner:ALICE'))).toEqual([
      'notebook-1',
      'train-a',
    ]);
  });

  it('filters by template, name, owner/name and status', async () => {
    expect(names(await search(admin.token, 'template:gpu-workspace'))).toEqual([
      'train-a',
      'train-b',
    ]);
    expect(
      names(await search(admin.token, 'template:"GPU-Workspace"')),
    ).toEqual(['train-a', 'train-b']);
    expect(names(await search(admin.token, 'name:rain'))).toEqual([
      'train-a',
      'train-b',
    ]);
    expect(names(await search(admin.token, 'train'))).toEqual([
      'train-a',
      'train-b',
    ]);
    expect(names(await search(admin.token, 'bob/train'))).toEqual(['train-b']);
    expect((await search(admin.token, 'status:running')).body.count).toBe(3);
    const [first] = (await search(alice.token, 'name:train-a')).body.workspaces;
    await call('POST', `/workspaces/${first.id}/builds`, alice.token, {
      transition: 'stop',
    });
    expect(names(await search(admin.token, 'status:pending'))).toEqual([
      'train-a',
    ]);
    clock += 2 * STEP;
    expect(names(await search(admin.token, 'status:stopped'))).toEqual([
      'train-a',
    ]);
    // Running workspaces sort first.
    expect(names(await get('/workspaces', admin.token))).toEqual([
      'notebook-1',
      'train-b',
      'train-a',
    ]);
  });

  it('filters by rich parameter with param:<name>[=<value>]', async () => {
    expect(names(await search(admin.token, 'param:gpu_count=2'))).toEqual([
      'train-a',
    ]);
    expect(names(await search(admin.token, 'param:gpu_count'))).toEqual([
      'train-a',
      'train-b',
    ]);
    expect(
      names(await search(admin.token, 'param:image=PyTorch owner:bob')),
    ).toEqual(['train-b']);
    // A value with ':' must be quoted, or the term has more than one ':'.
    expect(
      names(
        await search(
          alice.token,
          'param:"repo_url=https://git.example.com/notebook-1.git"',
        ),
      ),
    ).toEqual(['notebook-1']);
    expect(
      (await search(alice.token, 'param:repo_url=https://x')).body.validations,
    ).toEqual([
      {
        field: 'q',
        detail: `Query element "param:repo_url=https://x" can only contain 1 ':'`,
      },
    ]);
    expect((await search(admin.token, 'param:gpu_count=')).body).toEqual({
      message: 'Invalid workspace search query.',
      validations: [
        {
          field: 'param',
          detail: `Query param "param" has invalid values: query element "gpu_count=" has an empty value. omit the '=' to match just on the parameter name`,
        },
      ],
    });
    expect((await search(admin.token, 'param:a=b=c')).body.validations).toEqual(
      [
        {
          field: 'param',
          detail: `Query param "param" has invalid values: query element "a=b=c" can only contain 1 '='`,
        },
      ],
    );
  });

  it("answers Coder's validation errors for a bad query", async () => {
    const bad = async (q: string) => {
      const answer = await search(admin.token, q);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe('Invalid workspace search query.');
      return answer.body.validations;
    };
    expect(await bad('status:bogus')).toEqual([
      {
        field: 'status',
        detail:
          'Query param "status" has invalid value: "bogus" is not a valid value',
      },
    ]);
    expect(await bad('color:red')).toEqual([
      { field: 'color', detail: '"color" is not a valid query param' },
    ]);
    expect(await bad('owner:a owner:b')).toEqual([
      {
        field: 'owner',
        detail:
          'Query param "owner" provided more than once, found 2 times. Only provide 1 instance of this query param.',
      },
    ]);
    expect(await bad('name:')).toEqual([
      {
        field: 'q',
        detail: `Query element "name:" cannot start or end with ':'`,
      },
    ]);
    expect(await bad('a/b/c')).toEqual([
      { field: 'q', detail: `Query element "a/b/c" can only contain 1 '/'` },
    ]);
    expect((await bad('has-agent:connected'))[0].field).toBe('has-agent');
  });

  it('pages with limit and offset and counts every match', async () => {
    const page = await search(
      admin.token,
      'template:gpu-workspace',
      '&limit=1',
    );
    expect(page.body.count).toBe(2);
    expect(names(page)).toEqual(['train-a']);
    const second = await search(
      admin.token,
      'template:gpu-workspace',
      '&limit=1&offset=1',
    );
    expect(names(second)).toEqual(['train-b']);
    expect(second.body.count).toBe(2);
    expect((await get('/workspaces?offset=10', admin.token)).body).toEqual({
      workspaces: [],
      count: 0,
    });
    expect(await get('/workspaces?limit=-1', admin.token)).toMatchObject({
      status: 400,
      body: {
        message: 'Query parameters have invalid values.',
        validations: [
          {
            field: 'limit',
            detail:
              'Query param "limit" must be a valid 32-bit positive integer: value is negative',
          },
        ],
      },
    });
  });
});

describe('seed', () => {
  it('loads seed.example.json with fixed tokens, templates and budgets', async () => {
    await fake.close();
    fake = await startFakeCoder();
    const seed = parseSeed(
      JSON.parse(
        // eslint-disable-next-line no-restricted-syntax
        readFileSync(join(__dirname, 'seed.example.json'), 'utf8'),
      ),
    );
    applySeed(fake, seed);
    const token = seed.users.find(u => u.username === 'alice')!.token;
    expect((await get('/users/me', token)).body.username).toBe('alice');
    const templates = (await get('/templates', token)).body;
    const gpu = templates.find(
      (t: { name: string }) => t.name === 'gpu-workspace',
    );
    const params = (
      await get(
        `/templateversions/${gpu.active_version_id}/rich-parameters`,
        token,
      )
    ).body;
    expect(params.map((p: { name: string }) => p.name)).toEqual([
      'repo_url',
      'gpu_count',
      'image',
    ]);
    expect(params[1]).toMatchObject({
      type: 'number',
      default_value: '1',
      validation_min: 0,
      validation_max: 8,
    });
    expect((await get('/workspace-quota/me', token)).body).toEqual({
      credits_consumed: 0,
      budget: 30,
    });
    expect(() => parseSeed({ users: [{ username: 'x' }] })).toThrow(
      'fake coder seed: users[0].token must be a string',
    );
  });
});
