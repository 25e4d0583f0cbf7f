import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  FakeCoder,
  FakeCoderUser,
  startFakeCoder,
} from '@internal/plugin-coder-node/testUtils';
import {
  backendRefusal,
  quotaAnswer,
  startCoderBackend,
  TEST_KEY,
} from './__testUtils__/coderBackend';

jest.setTimeout(60_000);

const REPO = 'https://github.com/acme-ml/Support-Ticket-Classifier';
const STEP_MS = 100;

let fake: FakeCoder;
let amira: FakeCoderUser;
let bob: FakeCoderUser;
let portal: Awaited<ReturnType<typeof startCoderBackend>>;

beforeAll(async () => {
  fake = await startFakeCoder({ buildStepMs: STEP_MS });
  amira = fake.addUser({ username: 'amira', quotaBudget: 100 });
  bob = fake.addUser({ username: 'bob', quotaBudget: 100 });
  fake.addTemplate({
    name: 'gpu-workspace',
    displayName: 'GPU workspace',
    dailyCost: 10,
    parameters: [
      { name: 'repo_url', type: 'string' },
      {
        name: 'gpu_count',
        type: 'number',
        defaultValue: '1',
        mutable: true,
        validationMin: 0,
        validationMax: 4,
      },
    ],
  });
  fake.addTemplate({
    name: 'cpu-notebook',
    parameters: [{ name: 'image', type: 'string', defaultValue: 'jupyter' }],
  });
  fake.addTemplate({
    name: 'needs-secret',
    parameters: [
      { name: 'gpu_count', type: 'number', defaultValue: '0' },
      { name: 'api_key', type: 'string' },
    ],
  });
  portal = await startCoderBackend({
    coder: { baseUrl: fake.url, tokenEncryptionKey: TEST_KEY },
  });
});
afterAll(async () => {
  await portal.backend.stop();
  await fake.close();
});
beforeEach(() => {
  portal.gates.quota.mockClear();
  portal.gates.check.mockClear();
  portal.gates.release.mockClear();
});

/** Reads the workspace until `done` holds or the time is up; returns the last answer. */
async function until(
  user: string,
  id: string,
  done: (ws: { state: string }) => boolean,
) {
  const deadline = Date.now() + 20 * STEP_MS + 5000;
  for (;;) {
    const res = await portal.as(user).get(`/workspaces/${id}`);
    if (res.status !== 200 || done(res.body) || Date.now() > deadline) {
      return res;
    }
    await new Promise(r => setTimeout(r, STEP_MS / 2));
  }
}

const creates = () =>
  fake.requests.filter(
    r => r.method === 'POST' && /\/members\/[^/]+\/workspaces$/.test(r.path),
  ).length;

const bert = {
  name: 'bert-dev',
  template: 'gpu-workspace',
  team: 'nlp-team',
  gpus: 2,
  repoUrl: REPO,
};

describe('connecting a Coder account', () => {
  it('asks to connect before anything else, and refuses a token Coder does not accept', async () => {
    const list = await portal.as('amira').get('/workspaces');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ status: 'not-connected', coderUrl: fake.url });

    const create = await portal.as('amira').post('/workspaces', bert);
    expect(create.status).toBe(401);
    expect(create.body.error.message).toMatch(
      /^Connect your Coder account first/,
    );

    const wrong = await portal
      .as('amira')
      .put('/connection', { token: 'AAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBB' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(
      /^token: Coder did not accept this token \(.+\); create a new one/,
    );
  });

  it('stores a good token and never gives it back', async () => {
    const res = await portal
      .as('amira')
      .put('/connection', { token: amira.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'connected',
      username: 'amira',
      coderUrl: fake.url,
    });
    const again = await portal.as('amira').get('/connection');
    expect(again.body.status).toBe('connected');
    expect(JSON.stringify(again.body)).not.toContain(amira.token);
    expect(
      (await portal.as('bob').put('/connection', { token: bob.token })).status,
    ).toBe(200);
  });
});

describe('creating a workspace', () => {
  let id: string;

  it('checks quota and budget, then creates it in Coder with the GPUs, repository and TTL', async () => {
    const res = await portal.as('amira').post('/workspaces', bert);
    expect(res.status).toBe(201);
    const { workspace, reservation, quota } = res.body;
    id = workspace.id;
    expect(workspace).toMatchObject({
      name: 'bert-dev',
      owner: 'amira',
      template: 'gpu-workspace',
      templateDisplayName: 'GPU workspace',
      transition: 'start',
      gpus: 2,
      repoUrl: REPO,
      parameters: { gpu_count: '2', repo_url: REPO },
      links: {
        dashboard: `${fake.url}/@amira/bert-dev`,
        vscode: `vscode://coder.coder-remote/open?owner=amira&workspace=bert-dev&url=${encodeURIComponent(
          fake.url,
        )}`,
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
        gpus: 2,
        hours: 8,
        reference: 'coder workspace bert-dev',
      },
      expect.anything(),
    );
    // What Coder holds: the workspace with its TTL of 8 hours.
    const inCoder = await fetch(`${fake.url}/api/v2/workspaces/${id}`, {
      headers: { 'Coder-Session-Token': amira.token },
    }).then(r => r.json());
    expect(inCoder.ttl_ms).toBe(8 * 3_600_000);
  });

  it('follows the build to running', async () => {
    const res = await until('amira', id, ws => ws.state === 'running');
    expect(res.body.state).toBe('running');
  });

  it("lists it for the project's repository only, matched exactly", async () => {
    const mine = await portal
      .as('amira')
      .get(`/workspaces?repoUrl=${encodeURIComponent(REPO)}`);
    expect(mine.status).toBe(200);
    expect(mine.body.workspaces.map((w: { name: string }) => w.name)).toEqual([
      'bert-dev',
    ]);
    // Coder lower-cases searches; the portal still tells the two repositories apart.
    const other = await portal
      .as('amira')
      .get(`/workspaces?repoUrl=${encodeURIComponent(REPO.toLowerCase())}`);
    expect(other.body.workspaces).toEqual([]);
    expect(
      fake.requests.some(r => r.query.q === 'owner:me param:repo_url'),
    ).toBe(true);
  });

  it("lists a project's workspaces by repository or by template", async () => {
    // A CPU notebook cloning the project: not the project's template, but its repository.
    const notebook = await portal.as('amira').post('/workspaces', {
      name: 'notebook',
      template: 'gpu-workspace',
      team: 'nlp-team',
      gpus: 0,
      repoUrl: 'https://github.com/acme-ml/other-project',
    });
    expect(notebook.status).toBe(201);
    const names = async (query: string) =>
      (await portal.as('amira').get(`/workspaces?${query}`)).body.workspaces
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
      'amira',
      notebook.body.workspace.id,
      ws => ws.state === 'running',
    );
    const del = await portal
      .as('amira')
      .post(`/workspaces/${notebook.body.workspace.id}/builds`, {
        transition: 'delete',
      });
    expect(del.status).toBe(202);
    await until(
      'amira',
      notebook.body.workspace.id,
      ws => ws.state === 'deleted',
    );
  });

  it('refuses a second workspace with the same name before reserving anything', async () => {
    const res = await portal.as('amira').post('/workspaces', bert);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'name: you already have a workspace named bert-dev; choose another name, or start the existing one',
    );
    expect(portal.gates.check).not.toHaveBeenCalled();
  });

  it('stops, starts (checking quota and budget again) and deletes it', async () => {
    const stop = await portal
      .as('amira')
      .post(`/workspaces/${id}/builds`, { transition: 'stop' });
    expect(stop.status).toBe(202);
    expect(stop.body.transition).toBe('stop');
    expect(
      (await until('amira', id, ws => ws.state === 'stopped')).body.state,
    ).toBe('stopped');
    expect(portal.gates.check).not.toHaveBeenCalled();

    const start = await portal.as('amira').post(`/workspaces/${id}/builds`, {
      transition: 'start',
      team: 'nlp-team',
    });
    expect(start.status).toBe(202);
    expect(portal.gates.check).toHaveBeenCalledWith(
      expect.objectContaining({ team: 'nlp-team', gpus: 2 }),
      expect.anything(),
    );
    expect(
      (await until('amira', id, ws => ws.state === 'running')).body.state,
    ).toBe('running');

    const del = await portal
      .as('amira')
      .post(`/workspaces/${id}/builds`, { transition: 'delete' });
    expect(del.status).toBe(202);
    const gone = await until('amira', id, ws => ws.state === 'deleted');
    // Coder answers 410 for a deleted workspace; the portal says it is not found.
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toMatch(
      /^Reading workspace .*: Coder says: /,
    );
    const list = await portal.as('amira').get('/workspaces');
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
    [
      { ...bert, name: 'x3', gpus: 5 },
      400,
      /^gpus: template "gpu-workspace" allows at most 4 GPU\(s\)/,
    ],
    [
      { ...bert, name: 'x4', template: 'needs-secret', repoUrl: undefined },
      400,
      /^template: Coder template "needs-secret" requires "api_key" without a default/,
    ],
  ])('%j → %i', async (body, status, message) => {
    const before = creates();
    const res = await portal.as('amira').post('/workspaces', body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(creates()).toBe(before);
    expect(portal.gates.check).not.toHaveBeenCalled();
  });

  it('refuses GPUs the team does not have free, with the figures, and reserves nothing', async () => {
    portal.gates.quota.mockResolvedValueOnce(
      quotaAnswer('nlp-team', { hard: 4, used: 3 }),
    );
    const before = creates();
    const res = await portal
      .as('amira')
      .post('/workspaces', { ...bert, name: 'too-big' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      "gpus: 2 GPUs do not fit in nlp-team's GPU quota: 3 of 4 are in use, 1 free. Choose at most 1, stop another workspace or job, or request a quota increase",
    );
    expect(portal.gates.check).not.toHaveBeenCalled();
    expect(creates()).toBe(before);
  });

  it('refuses more than the per-job maximum', async () => {
    portal.gates.quota.mockResolvedValueOnce(
      quotaAnswer('nlp-team', { hard: 8, used: 0, maxPerJob: 1 }),
    );
    const res = await portal
      .as('amira')
      .post('/workspaces', { ...bert, name: 'too-wide' });
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
    const before = creates();
    const res = await portal
      .as('amira')
      .post('/workspaces', { ...bert, name: 'too-dear' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/^Over budget: .* 12\.5 EUR left/);
    expect(creates()).toBe(before);
  });

  it('checks nothing for a workspace without GPUs', async () => {
    const res = await portal
      .as('amira')
      .post('/workspaces', { ...bert, name: 'cpu-only', gpus: 0 });
    expect(res.status).toBe(201);
    expect(res.body.reservation).toBeUndefined();
    expect(portal.gates.quota).not.toHaveBeenCalled();
    expect(portal.gates.check).not.toHaveBeenCalled();
    const running = await until(
      'amira',
      res.body.workspace.id,
      ws => ws.state === 'running',
    );
    expect(running.body.gpus).toBe(0);
  });
});

describe("Coder's own refusals and faults", () => {
  it("gives the user's workspace credits in Coder", async () => {
    const before = (await portal.as('amira').get('/quota')).body.quota;
    expect(before.budget).toBe(100);
    const made = await portal
      .as('amira')
      .post('/workspaces', { ...bert, name: 'credits', gpus: 0 });
    await until('amira', made.body.workspace.id, ws => ws.state === 'running');
    const res = await portal.as('amira').get('/quota');
    expect(res.status).toBe(200);
    // A running workspace of the 10-credit template counts against the budget.
    expect(res.body.quota).toEqual({
      creditsConsumed: before.creditsConsumed + 10,
      budget: 100,
    });
  });

  it("shows Coder's quota failure on the workspace, in Coder's words", async () => {
    fake.setQuotaBudget('amira', 5); // less than the template's 10 credits a day
    const res = await portal
      .as('amira')
      .post('/workspaces', { ...bert, name: 'over-credits', gpus: 1 });
    expect(res.status).toBe(201);
    const failed = await until(
      'amira',
      res.body.workspace.id,
      ws => ws.state === 'failed',
    );
    expect(failed.body).toMatchObject({
      state: 'failed',
      buildError: 'insufficient quota',
    });
    fake.setQuotaBudget('amira', 100);
  });

  it('gives the reservation back and asks to reconnect when Coder refuses the token midway', async () => {
    const token = fake.addToken('bob');
    expect((await portal.as('bob').put('/connection', { token })).status).toBe(
      200,
    );
    // The token is revoked in Coder between the checks and the create.
    portal.gates.check.mockImplementationOnce(async input => {
      fake.revokeToken(token);
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
    const before = creates();
    const res = await portal
      .as('bob')
      .post('/workspaces', { ...bert, name: 'bob-dev' });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(
      /^Coder no longer accepts your token \(.+\): connect again with a new token$/,
    );
    expect(portal.gates.release).toHaveBeenCalledWith(
      'r-revoked',
      expect.anything(),
    );
    expect(creates()).toBe(before + 1); // asked, and refused: nothing was made
    const connection = await portal.as('bob').get('/connection');
    expect(connection.body).toMatchObject({
      status: 'not-connected',
      rejected: { message: expect.any(String) },
    });
    const list = await portal.as('bob').get('/workspaces');
    expect(list.body.status).toBe('not-connected');
    // Connecting again clears it.
    expect(
      (await portal.as('bob').put('/connection', { token: bob.token })).body
        .status,
    ).toBe('connected');
  });

  it("never acts on another user's workspace", async () => {
    const res = await portal
      .as('amira')
      .post('/workspaces', { ...bert, name: 'amira-own', gpus: 0 });
    const id = res.body.workspace.id;
    const stop = await portal
      .as('bob')
      .post(`/workspaces/${id}/builds`, { transition: 'delete' });
    expect([403, 404]).toContain(stop.status);
    expect(stop.body.error.message).toMatch(/Coder says|belongs to amira/);
    expect(
      (await portal.as('amira').get(`/workspaces/${id}`)).body.state,
    ).not.toMatch(/delet/);
  });

  it('refuses ids that are not Coder workspace ids', async () => {
    const res = await portal.as('amira').get('/workspaces/..%2Fusers');
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
      coder: { baseUrl: fake.url, tokenEncryptionKey: TEST_KEY },
      permission: AuthorizeResult.DENY,
    });
    const res = await denied.as('amira').get('/workspaces');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/coder\.workspace\.use/);
    await denied.backend.stop();
  });
});
