import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  backendRefusal,
  quotaAnswer,
  startCoderBackend,
  TEST_KEY,
} from './__testUtils__/coderBackend';
import {
  coderCall,
  coderWorkspaces,
  CoderTestUser,
  createCoderUser,
  ensureTemplate,
  LocalCoder,
  localCoder,
  signIn,
  signOut,
} from './__testUtils__/localCoder';

// Against the real Coder server scripts/services.sh started (its echo provisioner builds the
// workspaces); the GPU quota and cost plugins are recorders whose answers each test sets.
// Workspace credits are tested against the fake in router.fakeCoder.test.ts: they need a licence.
jest.setTimeout(90_000);

const REPO = 'https://github.com/acme-ml/Support-Ticket-Classifier';
const STEP_MS = 200;

let coder: LocalCoder;
let amira: CoderTestUser;
let bob: CoderTestUser;
let portal: Awaited<ReturnType<typeof startCoderBackend>>;
/** Who is who: the portal's user entity names are the Coder test users' names. */
let as: (user: CoderTestUser) => ReturnType<typeof portal.as>;

beforeAll(async () => {
  coder = localCoder();
  amira = await createCoderUser(coder, 'amira');
  bob = await createCoderUser(coder, 'bob');
  for (const name of ['gpu-workspace', 'cpu-notebook', 'needs-secret']) {
    await ensureTemplate(coder, name);
  }
  portal = await startCoderBackend({
    coder: { baseUrl: coder.url, tokenEncryptionKey: TEST_KEY },
  });
  as = user => portal.as(user.username);
});
afterAll(async () => {
  await portal.backend.stop();
});
beforeEach(() => {
  portal.gates.quota.mockClear();
  portal.gates.check.mockClear();
  portal.gates.release.mockClear();
});

/** Reads the workspace until `done` holds or the time is up; returns the last answer. */
async function until(
  user: CoderTestUser,
  id: string,
  done: (ws: { state: string }) => boolean,
) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await as(user).get(`/workspaces/${id}`);
    if (res.status !== 200 || done(res.body) || Date.now() > deadline) {
      return res;
    }
    await new Promise(r => setTimeout(r, STEP_MS));
  }
}

/** How many workspaces Coder itself lists for amira. */
const creates = async () =>
  (await coderWorkspaces(coder, amira.username)).length;

const bert = {
  name: 'bert-dev',
  template: 'gpu-workspace',
  team: 'nlp-team',
  gpus: 2,
  repoUrl: REPO,
};

describe('connecting a Coder account', () => {
  it('asks to connect before anything else, and refuses a token Coder does not accept', async () => {
    const list = await as(amira).get('/workspaces');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ status: 'not-connected', coderUrl: coder.url });

    const create = await as(amira).post('/workspaces', bert);
    expect(create.status).toBe(401);
    expect(create.body.error.message).toMatch(
      /^Connect your Coder account first/,
    );

    const wrong = await as(amira).put('/connection', {
      token: 'AAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBB',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(
      /^token: Coder did not accept this token \(.+\); create a new one/,
    );
  });

  it('stores a good token and never gives it back', async () => {
    const res = await as(amira).put('/connection', { token: amira.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'connected',
      username: amira.username,
      coderUrl: coder.url,
    });
    const again = await as(amira).get('/connection');
    expect(again.body.status).toBe('connected');
    expect(JSON.stringify(again.body)).not.toContain(amira.token);
    expect(
      (await as(bob).put('/connection', { token: bob.token })).status,
    ).toBe(200);
  });
});

describe('creating a workspace', () => {
  let id: string;

  it('checks quota and budget, then creates it in Coder with the GPUs, repository and TTL', async () => {
    const res = await as(amira).post('/workspaces', bert);
    expect(res.status).toBe(201);
    const { workspace, reservation, quota } = res.body;
    id = workspace.id;
    expect(workspace).toMatchObject({
      name: 'bert-dev',
      owner: amira.username,
      template: 'gpu-workspace',
      templateDisplayName: 'GPU workspace',
      transition: 'start',
      gpus: 2,
      repoUrl: REPO,
      parameters: { gpu_count: '2', repo_url: REPO },
      links: {
        dashboard: `${coder.url}/@${amira.username}/bert-dev`,
        vscode: `vscode://coder.coder-remote/open?owner=${
          amira.username
        }&workspace=bert-dev&url=${encodeURIComponent(coder.url)}`,
      },
    });
    expect(['pending', 'starting']).toContain(workspace.state);
    expect(quota).toEqual({
      resource: 'nvidia.com/gpu',
      hard: 8,
      used: 2,
      available: 6,
    });
    expect(reservation).toEqual({
      id: 'r-coder workspace bert-dev',
      estimate: 40,
      currency: 'EUR',
    });
    expect(portal.gates.quota).toHaveBeenCalledWith(
      'nlp-team',
      expect.objectContaining({ credentials: expect.anything() }),
    );
    expect(portal.gates.check).toHaveBeenCalledWith(
      {
        team: 'nlp-team',
        resource: 'nvidia.com/gpu',
        gpus: 2,
        hours: 8,
        reference: 'coder workspace bert-dev',
      },
      expect.anything(),
    );
    // What Coder holds: the workspace with its TTL of 8 hours and the parameters sent.
    const inCoder = await coderCall(coder, 'GET', `/workspaces/${id}`, {
      token: amira.token,
    });
    expect(inCoder.body.ttl_ms).toBe(8 * 3_600_000);
    const params = await coderCall(
      coder,
      'GET',
      `/workspacebuilds/${inCoder.body.latest_build.id}/parameters`,
      { token: amira.token },
    );
    expect(params.body).toEqual(
      expect.arrayContaining([
        { name: 'gpu_count', value: '2' },
        { name: 'repo_url', value: REPO },
      ]),
    );
  });

  it('follows the build to running', async () => {
    const res = await until(amira, id, ws => ws.state === 'running');
    expect(res.body.state).toBe('running');
    const inCoder = (await coderWorkspaces(coder, amira.username)).find(
      w => w.id === id,
    );
    expect(inCoder?.latest_build).toMatchObject({
      transition: 'start',
      status: 'running',
    });
  });

  it("lists it for the project's repository only, matched exactly", async () => {
    const mine = await as(amira).get(
      `/workspaces?repoUrl=${encodeURIComponent(REPO)}`,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.workspaces.map((w: { name: string }) => w.name)).toEqual([
      'bert-dev',
    ]);
    // Coder lower-cases searches; the portal still tells the two repositories apart.
    const other = await as(amira).get(
      `/workspaces?repoUrl=${encodeURIComponent(REPO.toLowerCase())}`,
    );
    expect(other.body.workspaces).toEqual([]);
  });

  it("lists a project's workspaces by repository or by template", async () => {
    // A CPU notebook cloning the project: not the project's template, but its repository.
    const notebook = await as(amira).post('/workspaces', {
      name: 'notebook',
      template: 'gpu-workspace',
      team: 'nlp-team',
      gpus: 0,
      repoUrl: 'https://github.com/acme-ml/other-project',
    });
    expect(notebook.status).toBe(201);
    const names = async (query: string) =>
      (await as(amira).get(`/workspaces?${query}`)).body.workspaces
        .map((w: { name: string }) => w.name)
        .sort();
    const repo = `repoUrl=${encodeURIComponent(REPO)}`;
    // By repository alone: only bert-dev; by template too: both are the project's.
    expect(await names(repo)).toEqual(['bert-dev']);
    expect(await names(`${repo}&template=gpu-workspace`)).toEqual([
      'bert-dev',
      'notebook',
    ]);
    expect(await names(`${repo}&template=cpu-notebook`)).toEqual(['bert-dev']);
    // Coder refuses a build while one runs: delete it once it has started.
    await until(
      amira,
      notebook.body.workspace.id,
      ws => ws.state === 'running',
    );
    const del = await as(amira).post(
      `/workspaces/${notebook.body.workspace.id}/builds`,
      {
        transition: 'delete',
      },
    );
    expect(del.status).toBe(202);
    await until(
      amira,
      notebook.body.workspace.id,
      ws => ws.state === 'deleted',
    );
  });

  it('refuses a second workspace with the same name before reserving anything', async () => {
    const res = await as(amira).post('/workspaces', bert);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'name: you already have a workspace named bert-dev; choose another name, or start the existing one',
    );
    expect(portal.gates.check).not.toHaveBeenCalled();
  });

  it('stops, starts (checking quota and budget again) and deletes it', async () => {
    const stop = await as(amira).post(`/workspaces/${id}/builds`, {
      transition: 'stop',
    });
    expect(stop.status).toBe(202);
    expect(stop.body.transition).toBe('stop');
    expect(
      (await until(amira, id, ws => ws.state === 'stopped')).body.state,
    ).toBe('stopped');
    expect(portal.gates.check).not.toHaveBeenCalled();

    const start = await as(amira).post(`/workspaces/${id}/builds`, {
      transition: 'start',
      team: 'nlp-team',
    });
    expect(start.status).toBe(202);
    expect(portal.gates.check).toHaveBeenCalledWith(
      expect.objectContaining({ team: 'nlp-team', gpus: 2 }),
      expect.anything(),
    );
    expect(
      (await until(amira, id, ws => ws.state === 'running')).body.state,
    ).toBe('running');
    // The portal's record of what it did, for platform metrics (service calls only); the stop
    // is not a use.
    const uses = await request(portal.backend.server)
      .get('/api/coder/uses?since=2026-01-01T00:00:00Z')
      .set('Authorization', mockCredentials.service.header());
    expect(uses.status).toBe(200);
    expect(
      uses.body.uses
        .filter((u: { workspaceId: string }) => u.workspaceId === id)
        .map((u: object) => ({ ...u, at: undefined })),
    ).toEqual([
      {
        workspaceId: id,
        workspaceName: 'bert-dev',
        userEntityRef: `user:default/${amira.username}`,
        team: 'nlp-team',
        gpus: 2,
        action: 'create',
      },
      {
        workspaceId: id,
        workspaceName: 'bert-dev',
        userEntityRef: `user:default/${amira.username}`,
        team: 'nlp-team',
        gpus: 2,
        action: 'start',
      },
    ]);
    const asUser = await as(amira).get('/uses?since=2026-01-01T00:00:00Z');
    expect(asUser.status).toBe(403);

    const del = await as(amira).post(`/workspaces/${id}/builds`, {
      transition: 'delete',
    });
    expect(del.status).toBe(202);
    // Deleted, it still reads as such for a moment; then Coder answers 410 for it.
    const deleted = await until(amira, id, ws => ws.state === 'deleted');
    expect([200, 404]).toContain(deleted.status);
    // Starting it right away is refused before any quota or budget check: by the portal while
    // Coder still shows it (409), by Coder's 410 once it no longer does (404).
    const restart = await as(amira).post(`/workspaces/${id}/builds`, {
      transition: 'start',
      team: 'nlp-team',
    });
    expect(`${restart.status} ${restart.body.error.message}`).toMatch(
      /^(409 Workspace bert-dev is deleted; it cannot be started again\. Create a new workspace instead|404 Reading workspace .* was deleted.*)$/,
    );
    const gone = await until(amira, id, () => false);
    // Coder answers 410 for a deleted workspace; the portal says it is not found.
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toMatch(
      /^Reading workspace .*: Coder says: /,
    );
    // Starting it again is refused before any quota or budget check.
    const again = await as(amira).post(`/workspaces/${id}/builds`, {
      transition: 'start',
      team: 'nlp-team',
    });
    expect(again.status).toBe(404);
    expect(again.body.error.message).toMatch(/ was deleted/);
    expect(portal.gates.check).toHaveBeenCalledTimes(1);
    const list = await as(amira).get('/workspaces');
    expect(
      list.body.workspaces.filter(
        (w: { state: string }) => w.state !== 'deleted',
      ),
    ).toEqual([]);
  });
});

describe('refusals before Coder is asked', () => {
  it.each([
    [
      { ...bert, name: 'Bad_Name' },
      400,
      /^Invalid request body: name: must be letters, digits and single hyphens/,
    ],
    [{ ...bert, gpus: -1 }, 400, /gpus: must be 0 or more/],
    [{ ...bert, extra: 1 }, 400, /extra: not a field of this request body/],
    [
      { ...bert, name: 'x1', template: 'nope' },
      400,
      /^template: Coder has no template named "nope"/,
    ],
    [
      { ...bert, name: 'x2', template: 'cpu-notebook' },
      400,
      /^template: Coder template "cpu-notebook" has no "gpu_count" parameter/,
    ],
    // Coder itself would accept 9 over the parameter's maximum of 8 (it does not check the
    // bounds of a classic number parameter): the portal checks them first.
    [
      { ...bert, name: 'x3', gpus: 9 },
      400,
      /^gpus: template "gpu-workspace" allows at most 8 GPU\(s\)/,
    ],
    [
      { ...bert, name: 'x4', template: 'needs-secret', repoUrl: undefined },
      400,
      /^template: Coder template "needs-secret" requires "api_key" without a default/,
    ],
  ])('%j → %i', async (body, status, message) => {
    const before = await creates();
    const res = await as(amira).post('/workspaces', body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(await creates()).toBe(before);
    expect(portal.gates.check).not.toHaveBeenCalled();
  });

  it('refuses GPUs the team does not have free, with the figures, and reserves nothing', async () => {
    portal.gates.quota.mockResolvedValueOnce(
      quotaAnswer('nlp-team', { hard: 4, used: 3 }),
    );
    const before = await creates();
    const res = await as(amira).post('/workspaces', {
      ...bert,
      name: 'too-big',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      "gpus: 2 GPUs do not fit in nlp-team's GPU quota: 3 of 4 are in use, 1 free. Choose at most 1, stop another workspace or job, or request a quota increase",
    );
    expect(portal.gates.check).not.toHaveBeenCalled();
    expect(await creates()).toBe(before);
  });

  it('refuses more than the per-job maximum', async () => {
    portal.gates.quota.mockResolvedValueOnce(
      quotaAnswer('nlp-team', { hard: 8, used: 0, maxPerJob: 1 }),
    );
    const res = await as(amira).post('/workspaces', {
      ...bert,
      name: 'too-wide',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(
      /^gpus: 2 GPUs is more than nlp-team's per-workspace maximum of 1/,
    );
  });

  it("passes on the budget's refusal with its figures, creating nothing", async () => {
    portal.gates.check.mockRejectedValueOnce(
      await backendRefusal(
        409,
        'ConflictError',
        'Over budget: this job costs about 40 EUR, but nlp-team has 12.5 EUR left of its 100 EUR budget for 2026-11',
      ),
    );
    const before = await creates();
    const res = await as(amira).post('/workspaces', {
      ...bert,
      name: 'too-dear',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/^Over budget: .* 12\.5 EUR left/);
    expect(await creates()).toBe(before);
  });

  it('checks nothing for a workspace without GPUs', async () => {
    const res = await as(amira).post('/workspaces', {
      ...bert,
      name: 'cpu-only',
      gpus: 0,
    });
    expect(res.status).toBe(201);
    expect(res.body.reservation).toBeUndefined();
    expect(portal.gates.quota).not.toHaveBeenCalled();
    expect(portal.gates.check).not.toHaveBeenCalled();
    const running = await until(
      amira,
      res.body.workspace.id,
      ws => ws.state === 'running',
    );
    expect(running.body.gpus).toBe(0);
  });
});

describe("Coder's own refusals and faults", () => {
  it('gives no workspace credits: the open-source Coder has no quotas', async () => {
    const res = await as(amira).get('/quota');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
  });

  it('gives the reservation back and asks to reconnect when Coder refuses the token midway', async () => {
    const token = await signIn(coder, bob.username, bob.password);
    expect((await as(bob).put('/connection', { token })).status).toBe(200);
    // The session ends in Coder between the checks and the create.
    portal.gates.check.mockImplementationOnce(async input => {
      await signOut(coder, token);
      return {
        reservation: {
          id: 'r-revoked',
          team: input.team,
          resource: 'nvidia.com/gpu',
          gpus: input.gpus,
          hours: input.hours,
          estimate: 1,
          currency: 'EUR',
          requestedBy: 'user:default/bob',
          createdAt: '',
          expiresAt: '',
        },
        status: {} as never,
      };
    });
    const bobs = async () =>
      (await coderWorkspaces(coder, bob.username)).length;
    const before = await bobs();
    const res = await as(bob).post('/workspaces', { ...bert, name: 'bob-dev' });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(
      /^Coder no longer accepts your token \(.+\): connect again with a new token$/,
    );
    expect(portal.gates.release).toHaveBeenCalledWith(
      'r-revoked',
      expect.anything(),
    );
    expect(await bobs()).toBe(before); // asked, and refused: nothing was made
    const connection = await as(bob).get('/connection');
    expect(connection.body).toMatchObject({
      status: 'not-connected',
      rejected: { message: expect.any(String) },
    });
    const list = await as(bob).get('/workspaces');
    expect(list.body.status).toBe('not-connected');
    // Connecting again clears it.
    expect(
      (await as(bob).put('/connection', { token: bob.token })).body.status,
    ).toBe('connected');
  });

  it("never acts on another user's workspace", async () => {
    const res = await as(amira).post('/workspaces', {
      ...bert,
      name: 'amira-own',
      gpus: 0,
    });
    const id = res.body.workspace.id;
    const stop = await as(bob).post(`/workspaces/${id}/builds`, {
      transition: 'delete',
    });
    expect([403, 404]).toContain(stop.status);
    expect(stop.body.error.message).toMatch(/Coder says|belongs to amira/);
    expect((await as(amira).get(`/workspaces/${id}`)).body.state).not.toMatch(
      /delet/,
    );
  });

  it('refuses ids that are not Coder workspace ids', async () => {
    const res = await as(amira).get('/workspaces/..%2Fusers');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/must be a Coder workspace id/);
  });
});

describe('a portal whose Coder is down, or not configured, or who may not use it', () => {
  it('answers 503 with the reason when Coder does not answer', async () => {
    const down = await startCoderBackend({
      coder: { baseUrl: 'http://127.0.0.1:9', tokenEncryptionKey: TEST_KEY },
    });
    const res = await down
      .as('amira')
      .put('/connection', { token: amira.token });
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      /^Checking the token with Coder: Coder at http:\/\/127\.0\.0\.1:9 did not answer GET \/users\/me.*; Coder may be down, try again in a minute$/,
    );
    await down.backend.stop();
  });

  it('says Coder is not configured', async () => {
    const none = await startCoderBackend({});
    const res = await none.as('amira').get('/workspaces');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'not-configured',
      message: expect.stringMatching(
        /^Coder is not configured for this portal/,
      ),
    });
    expect((await none.as('amira').post('/workspaces', bert)).status).toBe(403);
    await none.backend.stop();
  });

  it('refuses users the policy does not allow coder.workspace.use', async () => {
    const denied = await startCoderBackend({
      coder: { baseUrl: coder.url, tokenEncryptionKey: TEST_KEY },
      permission: AuthorizeResult.DENY,
    });
    const res = await denied.as('amira').get('/workspaces');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/coder\.workspace\.use/);
    await denied.backend.stop();
  });
});
