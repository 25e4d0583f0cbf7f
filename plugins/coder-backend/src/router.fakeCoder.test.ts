import {
  FakeCoder,
  FakeCoderUser,
  startFakeCoder,
} from '@internal/plugin-coder-node/testUtils';
import { startCoderBackend, TEST_KEY } from './__testUtils__/coderBackend';

// Workspace credits against the fake Coder, because real Coder cannot be made to have them here:
// quotas are an enterprise feature that needs a licence, and the open-source server the local
// services run does not serve /workspace-quota at all (coderAnswers.integration.test.ts shows
// it). Everything else is tested against real Coder in router.integration.test.ts.
jest.setTimeout(60_000);

const STEP_MS = 100;
let fake: FakeCoder;
let amira: FakeCoderUser;
let portal: Awaited<ReturnType<typeof startCoderBackend>>;

beforeAll(async () => {
  fake = await startFakeCoder({ buildStepMs: STEP_MS });
  amira = fake.addUser({ username: 'amira', quotaBudget: 100 });
  fake.addTemplate({
    name: 'gpu-workspace',
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
  portal = await startCoderBackend({
    coder: { baseUrl: fake.url, tokenEncryptionKey: TEST_KEY },
  });
  await portal.as('amira').put('/connection', { token: amira.token });
});
afterAll(async () => {
  await portal.backend.stop();
  await fake.close();
});

async function until(id: string, done: (ws: { state: string }) => boolean) {
  const deadline = Date.now() + 20 * STEP_MS + 5000;
  for (;;) {
    const res = await portal.as('amira').get(`/workspaces/${id}`);
    if (res.status !== 200 || done(res.body) || Date.now() > deadline) {
      return res;
    }
    await new Promise(r => setTimeout(r, STEP_MS / 2));
  }
}

const workspace = (name: string, gpus: number) => ({
  name,
  template: 'gpu-workspace',
  team: 'nlp-team',
  gpus,
  repoUrl: 'https://github.com/acme-ml/Support-Ticket-Classifier',
});

it("gives the user's workspace credits in Coder", async () => {
  const before = (await portal.as('amira').get('/quota')).body.quota;
  expect(before.budget).toBe(100);
  const made = await portal
    .as('amira')
    .post('/workspaces', workspace('credits', 0));
  await until(made.body.workspace.id, ws => ws.state === 'running');
  const res = await portal.as('amira').get('/quota');
  expect(res.status).toBe(200);
  // A running workspace of the 10-credit template counts against the budget.
  expect(res.body.quota).toEqual({
    creditsConsumed: before.creditsConsumed + 10,
    budget: 100,
  });
});

it('says nothing of credits when Coder has a quota route but no licence (budget -1)', async () => {
  fake.setQuotaBudget('amira', -1);
  const res = await portal.as('amira').get('/quota');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({});
  fake.setQuotaBudget('amira', 100);
});

it("shows Coder's quota failure on the workspace, in Coder's words", async () => {
  fake.setQuotaBudget('amira', 5); // less than the template's 10 credits a day
  const res = await portal
    .as('amira')
    .post('/workspaces', workspace('over-credits', 1));
  expect(res.status).toBe(201);
  const failed = await until(
    res.body.workspace.id,
    ws => ws.state === 'failed',
  );
  expect(failed.body).toMatchObject({
    state: 'failed',
    buildError: 'insufficient quota',
  });
  fake.setQuotaBudget('amira', 100);
});

// Real Coder's echo provisioner finishes a delete in about 10 ms, mostly after the portal has read
// the workspace back, so the router test meets the case below only now and then; the fake with
// instant builds meets it every time.
describe('a delete Coder finishes before the portal reads it back', () => {
  it('is answered as done (202, deleted), not as a missing workspace', async () => {
    const instant = await startFakeCoder({ buildStepMs: 0 });
    const user = instant.addUser({ username: 'amira' });
    instant.addTemplate({
      name: 'gpu-workspace',
      parameters: [
        { name: 'repo_url', type: 'string' },
        { name: 'gpu_count', type: 'number', defaultValue: '0' },
      ],
    });
    const backend = await startCoderBackend({
      coder: { baseUrl: instant.url, tokenEncryptionKey: TEST_KEY },
    });
    try {
      await backend.as('amira').put('/connection', { token: user.token });
      const made = await backend
        .as('amira')
        .post('/workspaces', workspace('quick', 0));
      expect(made.status).toBe(201);
      const del = await backend
        .as('amira')
        .post(`/workspaces/${made.body.workspace.id}/builds`, {
          transition: 'delete',
        });
      expect([del.status, del.body.state, del.body.transition]).toEqual([
        202,
        'deleted',
        'delete',
      ]);
    } finally {
      await backend.backend.stop();
      await instant.close();
    }
  });
});
