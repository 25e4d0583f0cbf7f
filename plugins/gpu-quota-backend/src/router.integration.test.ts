// The GPU quota API through HTTP, on the real kube-apiserver that scripts/services.sh runs.
import {
  createPod,
  createSimulatedPod,
  podFinished,
  waitForGpuQuota,
  waitForPod,
} from '@internal/plugin-mlp-kube-node/testUtils';
import { randomBytes } from 'node:crypto';
import {
  core,
  createTeam,
  deleteTeam,
  KEEPER,
  OTHER_KEEPER,
  OUTSIDER,
  readHard,
  SCIENTIST,
  sqlite,
  startQuotaBackend,
} from './__testUtils__/quotaBackend';

jest.setTimeout(120_000);

const databases = sqlite();
const bareDatabases = sqlite();
const team = `gq-${randomBytes(3).toString('hex')}`;
const GPU = 'nvidia.com/gpu';
const MIG = 'nvidia.com/mig-1g.10gb';
const ask = (amount: number, extra: object = {}) => ({
  team,
  resource: GPU,
  amount,
  justification: 'Hyper-parameter sweep for the ticket classifier',
  durationDays: 7,
  ...extra,
});

let api: Awaited<ReturnType<typeof startQuotaBackend>>;
let knex: Awaited<ReturnType<typeof databases.init>>;

async function until<T>(what: string, fn: () => Promise<T | undefined>) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

/** The team as GET /teams shows it, once the cache has caught up with `hard`. */
async function teamFigures(want?: { hard?: number; used?: number }) {
  return until(`team ${team} at ${JSON.stringify(want)}`, async () => {
    const res = await api.as(SCIENTIST).get('/teams');
    const found = res.body.teams?.find(
      (t: { team: string }) => t.team === team,
    );
    const gpu = found?.resources.find(
      (r: { resource: string }) => r.resource === GPU,
    );
    if (!gpu) return undefined;
    if (want?.hard !== undefined && gpu.hard !== want.hard) return undefined;
    if (want?.used !== undefined && gpu.used !== want.used) return undefined;
    return { body: res.body, team: found, gpu };
  });
}

/** Moves an approved request's expiry into the past, as if its days had gone by. */
async function timePasses(id: string) {
  await knex('gpu_quota_requests')
    .where({ id })
    .update({ expires_at: new Date(Date.now() - 1000).toISOString() });
}

async function deletePods(...names: string[]) {
  for (const name of names) {
    await core.deleteNamespacedPod({
      name,
      namespace: team,
      gracePeriodSeconds: 0,
    });
  }
}

beforeAll(async () => {
  await createTeam(team, {
    [`requests.${GPU}`]: '8',
    [`requests.${MIG}`]: '2',
  });
  knex = await databases.init('SQLITE_3');
  api = await startQuotaBackend({
    knex,
    groups: {
      [KEEPER]: ['group:default/platform-team'],
      [OTHER_KEEPER]: ['group:default/platform-team'],
      [SCIENTIST]: [`group:default/${team}`],
      [OUTSIDER]: ['group:default/vision-team'],
    },
  });
});

afterAll(async () => {
  await api?.backend.stop();
  await deleteTeam(team);
});

describe('reading quotas', () => {
  it('shows usage equal to what the API server reports after GPU pods are created', async () => {
    await createPod(team, 'train-a', 2);
    await createPod(team, 'train-b', 1);
    await waitForGpuQuota(team, { used: '3' });
    const quota = await core.readNamespacedResourceQuota({
      name: 'gpu-quota',
      namespace: team,
    });
    const { body, team: shown, gpu } = await teamFigures({ used: 3 });
    expect(gpu).toEqual({
      resource: GPU,
      hard: Number(quota.status!.hard![`requests.${GPU}`]),
      used: Number(quota.status!.used![`requests.${GPU}`]),
      available: 5,
      maxPerJob: 4,
    });
    expect(
      shown.resources.find((r: { resource: string }) => r.resource === MIG),
    ).toEqual({
      resource: MIG,
      hard: 2,
      used: 0,
      available: 2,
      // The LimitRange bounds nvidia.com/gpu only.
    });
    expect(
      shown.workloads.map((w: { pod: string; gpus: object }) => [
        w.pod,
        w.gpus,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['train-a', { [GPU]: 2 }],
        ['train-b', { [GPU]: 1 }],
      ]),
    );
    expect(body.status).toBe('ok');
    expect(body.maxAgeSeconds).toBe(0.2);
    expect(Date.now() - Date.parse(body.fetchedAt)).toBeLessThan(10_000);
    await deletePods('train-a', 'train-b');
    await waitForGpuQuota(team, { used: '0' });
  });

  it('answers no-quota for a team that was never onboarded', async () => {
    const res = await api.as(SCIENTIST).get('/teams/never-onboarded');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'no-quota',
      team: 'never-onboarded',
    });
    expect(res.body.message).toMatch(/onboard/);
  });

  it('needs a signed-in caller', async () => {
    expect((await api.as().get('/teams')).status).toBe(401);
    expect((await api.as().post('/requests', ask(10))).status).toBe(401);
  });
});

describe('bad input', () => {
  const cases: Array<[string, unknown, number, RegExp]> = [
    ['zero GPUs', ask(0), 400, /amount: must be more than 0/],
    ['negative GPUs', ask(-4), 400, /amount: must be more than 0/],
    ['a fraction of a GPU', ask(9.5), 400, /amount: must be a whole number/],
    ['an absurd amount', ask(100_000), 400, /amount: .*mlp\.gpu\.maxPerTeam/],
    ['no more than today', ask(8), 400, /amount: 8 is not more than the 8/],
    [
      'an unknown team',
      ask(10, { team: 'no-such-team' }),
      404,
      /team: no-such-team has no GPU quota/,
    ],
    [
      'a team name that is not one',
      ask(10, { team: 'NLP Team!' }),
      400,
      /team: must be a team name/,
    ],
    [
      'an unknown resource',
      ask(10, { resource: 'amd.com/gpu' }),
      400,
      /resource: team .* has no quota for amd\.com\/gpu/,
    ],
    [
      'no justification',
      { ...ask(10), justification: undefined },
      400,
      /justification: is required/,
    ],
    [
      'a one-word justification',
      ask(10, { justification: 'need' }),
      400,
      /justification: is too short/,
    ],
    [
      'a long justification',
      ask(10, { justification: 'x'.repeat(2001) }),
      400,
      /justification: is longer than 2000/,
    ],
    [
      'a 10 MB justification',
      ask(10, { justification: 'x'.repeat(10 * 1024 * 1024) }),
      413,
      /at most 2000 characters/,
    ],
    [
      'zero days',
      ask(10, { durationDays: 0 }),
      400,
      /durationDays: must be at least 1 day/,
    ],
    [
      'a year',
      ask(10, { durationDays: 365 }),
      400,
      /durationDays: must be at most 90 days/,
    ],
    [
      'an unknown field',
      ask(10, { priority: 'high' }),
      400,
      /priority: not a field/,
    ],
  ];

  it.each(cases)(
    'refuses %s with a clear message',
    async (_, body, status, message) => {
      const res = await api.as(SCIENTIST).post('/requests', body);
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
    },
  );

  it('refuses a body that is not JSON', async () => {
    const res = await api
      .as(SCIENTIST)
      .post('/requests')
      .set('Content-Type', 'application/json')
      .send('{"team": ');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not valid JSON/);
  });

  it('left nothing behind: no request stored, the quota unchanged', async () => {
    const res = await api.as(KEEPER).get(`/requests?team=${team}`);
    expect(res.body.requests).toEqual([]);
    expect(await readHard(team)).toBe('8');
  });

  it('refuses ids and filters that are not ones', async () => {
    expect(
      (await api.as(KEEPER).post('/requests/42/approve', {})).body.error
        .message,
    ).toMatch(/request id in the path: must be a request id/);
    expect((await api.as(KEEPER).get('/requests?status=done')).status).toBe(
      400,
    );
    expect(
      (
        await api
          .as(KEEPER)
          .post('/requests/00000000-0000-4000-8000-000000000000/approve', {})
      ).status,
    ).toBe(404);
  });
});

describe('request, approve, expire', () => {
  it('applies the rules: members ask, keepers decide, nobody decides their own', async () => {
    const outsider = await api.as(OUTSIDER).post('/requests', ask(10));
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.message).toMatch(/is not a member of team/);

    const own = await api.as(KEEPER).post('/requests', ask(9));
    expect(own.status).toBe(201);
    const selfApprove = await api
      .as(KEEPER)
      .post(`/requests/${own.body.id}/approve`, {});
    expect(selfApprove.status).toBe(403);
    expect(selfApprove.body.error.message).toMatch(/your own request/);

    const byScientist = await api
      .as(SCIENTIST)
      .post(`/requests/${own.body.id}/approve`, {});
    expect(byScientist.status).toBe(403);
    expect(byScientist.body.error.message).toMatch(/Only platform keepers/);
    const rejectByScientist = await api
      .as(SCIENTIST)
      .post(`/requests/${own.body.id}/reject`, { comment: 'no' });
    expect(rejectByScientist.status).toBe(403);
    const cancelByOther = await api
      .as(SCIENTIST)
      .post(`/requests/${own.body.id}/cancel`, {});
    expect(cancelByOther.status).toBe(403);

    const rejectWithoutReason = await api
      .as(OTHER_KEEPER)
      .post(`/requests/${own.body.id}/reject`, {});
    expect(rejectWithoutReason.status).toBe(400);
    expect(rejectWithoutReason.body.error.message).toMatch(
      /comment: is required when rejecting/,
    );

    const cancelled = await api
      .as(KEEPER)
      .post(`/requests/${own.body.id}/cancel`, {
        comment: 'asked for the wrong amount',
      });
    expect(cancelled.body.status).toBe('cancelled');
    const late = await api
      .as(OTHER_KEEPER)
      .post(`/requests/${own.body.id}/reject`, { comment: 'too late' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/already cancelled/);
    expect(await readHard(team)).toBe('8');
  });

  it('lets anyone signed in read quotas and requests, and tells the UI who may decide', async () => {
    expect((await api.as(OUTSIDER).get(`/teams/${team}`)).body.status).toBe(
      'ok',
    );
    expect((await api.as(OUTSIDER).get(`/requests?team=${team}`)).status).toBe(
      200,
    );
    expect((await api.as(SCIENTIST).get('/me')).body).toEqual({
      userEntityRef: SCIENTIST,
      teams: [team],
      mayDecide: false,
    });
    expect((await api.as(KEEPER).get('/me')).body.mayDecide).toBe(true);
  });

  it('refuses a second pending request for the same resource', async () => {
    const first = await api.as(SCIENTIST).post('/requests', ask(12));
    expect(first.status).toBe(201);
    const second = await api.as(SCIENTIST).post('/requests', ask(14));
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain(first.body.id);
    await api.as(SCIENTIST).post(`/requests/${first.body.id}/cancel`, {});
  });

  it('approves once when two keepers approve at the same moment, and patches the quota', async () => {
    const created = await api.as(SCIENTIST).post('/requests', ask(10));
    expect(created.status).toBe(201);
    expect(api.sent.at(-1)).toMatchObject({
      recipients: {
        type: 'entity',
        entityRef: ['group:default/platform-team'],
      },
    });
    const id = created.body.id;
    const [a, b] = await Promise.all([
      api
        .as(KEEPER)
        .post(`/requests/${id}/approve`, { comment: 'for the sweep' }),
      api.as(OTHER_KEEPER).post(`/requests/${id}/approve`, {}),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    expect(winner.body).toMatchObject({
      status: 'approved',
      previousAmount: 8,
      requestedAmount: 10,
    });
    expect(await readHard(team)).toBe('10');
    // The portal's own change shows at once: the cache is dropped on approval.
    const shown = await api.as(SCIENTIST).get(`/teams/${team}`);
    expect(shown.body.quota.resources[0]).toMatchObject({
      resource: GPU,
      hard: 10,
    });
    const audit = await api.as(SCIENTIST).get(`/audit?requestId=${id}`);
    expect(audit.body.events.map((e: { action: string }) => e.action)).toEqual([
      'requested',
      'approved',
    ]);
    expect(audit.body.events[1]).toMatchObject({
      actor: winner.body.decidedBy,
      details: { resource: GPU, from: 8, to: 10 },
    });
    const again = await api.as(KEEPER).post(`/requests/${id}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(
      /already approved by user:default/,
    );
  });

  it('waits with the expiry while pods would be over quota, then restores the quota', async () => {
    const [approved] = (
      await api.as(KEEPER).get(`/requests?team=${team}&status=approved`)
    ).body.requests;
    // The team now uses all 10 GPUs: two 4-GPU pods that wait for a node (they do not tolerate
    // the GPU taint; the quota counts them all the same) and a 2-GPU job that really runs on a
    // simulated node and ends 15 s after it started.
    await createPod(team, 'sweep-1', 4);
    await createPod(team, 'sweep-2', 4);
    await createSimulatedPod(team, {
      name: 'sweep-3',
      resources: { [GPU]: '2' },
      runtime: '15s',
    });
    await waitForGpuQuota(team, { used: '10' });

    await timePasses(approved.id);
    await api.runExpiry();
    const waiting = (
      await api.as(KEEPER).get(`/requests?team=${team}&status=approved`)
    ).body.requests[0];
    expect(waiting.id).toBe(approved.id);
    expect(waiting.expiryDeferredReason).toMatch(
      /10 nvidia\.com\/gpu are in use/,
    );
    expect(await readHard(team)).toBe('10');
    const pods = await core.listNamespacedPod({ namespace: team });
    expect(pods.items.map(p => p.metadata!.name).sort()).toEqual([
      'sweep-1',
      'sweep-2',
      'sweep-3',
    ]);
    expect(api.sent.at(-1)).toMatchObject({
      recipients: { entityRef: [SCIENTIST, 'group:default/platform-team'] },
      payload: { severity: 'high' },
    });
    // A second pass tells nobody again.
    const told = api.sent.length;
    await api.runExpiry();
    expect(api.sent.length).toBe(told);

    // The job ends on its own: the quota stops counting it, and the next pass expires the
    // request.
    const ended = await waitForPod(
      team,
      'sweep-3',
      'finished',
      podFinished,
      60,
    );
    expect(ended.status!.phase).toBe('Succeeded');
    await waitForGpuQuota(team, { used: '8' });
    await api.runExpiry();
    const done = (
      await api.as(KEEPER).get(`/requests?team=${team}&status=expired`)
    ).body.requests[0];
    expect(done).toMatchObject({ id: approved.id, status: 'expired' });
    expect(done.expiryDeferredReason).toBeUndefined();
    expect(await readHard(team)).toBe('8');
    await teamFigures({ hard: 8, used: 8 });
    await deletePods('sweep-1', 'sweep-2');
  });

  it('exports the audit trail as CSV', async () => {
    const res = await api.as(OUTSIDER).get(`/audit?team=${team}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toContain(
      `gpu-quota-audit-${team}.csv`,
    );
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('at,request_id,team,action,actor,comment,details');
    const actions = lines.slice(1).map(l => l.split(',')[3]);
    expect(actions).toEqual(
      expect.arrayContaining([
        'requested',
        'cancelled',
        'approved',
        'expiry-deferred',
        'expired',
      ]),
    );
    expect(lines.find(l => l.includes(',expired,'))).toContain(
      `resource=${GPU}; from=10; to=8`,
    );
  });
});

describe('without a cluster', () => {
  it('says no cluster is configured, and refuses requests with 503', async () => {
    const bare = await startQuotaBackend({
      knex: await bareDatabases.init('SQLITE_3'),
      groups: { [SCIENTIST]: [`group:default/${team}`] },
      withCluster: false,
    });
    try {
      const teams = await bare.as(SCIENTIST).get('/teams');
      expect(teams.body).toMatchObject({ status: 'not-configured' });
      expect(teams.body.message).toMatch(/No Kubernetes cluster is configured/);
      const created = await bare.as(SCIENTIST).post('/requests', ask(10));
      expect(created.status).toBe(503);
    } finally {
      await bare.backend.stop();
    }
  });
});
