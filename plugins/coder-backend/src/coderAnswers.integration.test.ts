import { CoderApiError, CoderClient } from '@internal/plugin-coder-node';
import { z } from 'zod';
import {
  coderCall,
  CoderTestUser,
  createCoderUser,
  LocalCoder,
  localCoder,
} from './__testUtils__/localCoder';

// What the real Coder server answers where its documentation and the portal's fake said otherwise;
// each answer is read from the server scripts/services.sh started.
jest.setTimeout(60_000);

let coder: LocalCoder;
let user: CoderTestUser;
let client: CoderClient;

/** The client's one request path, for a route none of its methods call. */
class RawClient extends CoderClient {
  raw(token: string, method: 'GET' | 'POST', path: string) {
    // The one request path is private; the tests reach it for a route no method calls.
    // eslint-disable-next-line dot-notation
    return this['request'](token, method, path, z.unknown());
  }
}

beforeAll(async () => {
  coder = localCoder();
  user = await createCoderUser(coder, 'answers');
  client = new CoderClient(coder.url);
});

/** The CoderApiError the call fails with; fails the test when it succeeds or fails otherwise. */
async function refusal(call: Promise<unknown>): Promise<CoderApiError> {
  const error = await call.then(
    () => new Error('Coder accepted it'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CoderApiError);
  return error as CoderApiError;
}

async function templateId(name: string): Promise<string> {
  const [org] = (await coderCall(coder, 'GET', '/users/me/organizations')).body;
  return (
    await coderCall(coder, 'GET', `/organizations/${org.id}/templates/${name}`)
  ).body.id;
}

async function waitForBuild(id: string, status: string) {
  for (let i = 0; i < 200; i++) {
    const ws = await client.workspace(user.token, id);
    if (ws.latest_build.job.status === status) return ws;
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(`workspace ${id} never reached ${status}`);
}

it('answers a method a route does not have with 405 and no body, which the client reads as a refusal', async () => {
  const answer = await fetch(`${coder.url}/api/v2/buildinfo`, {
    method: 'POST',
  });
  expect(answer.status).toBe(405);
  expect(await answer.text()).toBe('');
  const error = await refusal(
    new RawClient(coder.url).raw(user.token, 'POST', '/buildinfo'),
  );
  expect(error.coderStatus).toBe(405);
  expect(error.message).toMatch(/^Coder answered 405: 405 Method Not Allowed/);
});

it('has no workspace quota without a licence: the open-source server does not serve the route', async () => {
  const error = await refusal(client.workspaceQuota(user.token, user.username));
  expect([error.coderStatus, error.coderMessage]).toEqual([
    404,
    'Route not found.',
  ]);
});

it('accepts a number parameter over its maximum, so the portal must check GPU counts itself', async () => {
  const [org] = (await client.organizations(user.token)).filter(
    o => o.is_default,
  );
  const ws = await client.createWorkspace(user.token, org.id, {
    name: 'over-max',
    template_id: await templateId('gpu-workspace'),
    rich_parameter_values: [
      { name: 'gpu_count', value: '9' },
      { name: 'repo_url', value: 'https://github.com/acme-ml/x' },
    ],
  });
  const done = await waitForBuild(ws.id, 'succeeded');
  expect(
    await client.buildParameters(user.token, done.latest_build.id),
  ).toEqual(expect.arrayContaining([{ name: 'gpu_count', value: '9' }]));
  // Deleted, it is gone (410), and starting it again is a conflict, in Coder's words.
  await client.createBuild(user.token, ws.id, 'delete');
  let gone: CoderApiError | undefined;
  for (let i = 0; i < 200 && !gone; i++) {
    await new Promise(r => setTimeout(r, 200));
    gone = await client.workspace(user.token, ws.id).then(
      () => undefined,
      (e: unknown) => (e instanceof CoderApiError ? e : undefined),
    );
  }
  expect(gone?.coderStatus).toBe(410);
  const start = await refusal(client.createBuild(user.token, ws.id, 'start'));
  expect([start.coderStatus, start.coderMessage]).toEqual([
    409,
    'Cannot start a deleted workspace!',
  ]);
});

it('keeps a user made through the API dormant until it first signs in', async () => {
  const [org] = (await coderCall(coder, 'GET', '/users/me/organizations')).body;
  const username = `dormant-${Date.now().toString(36)}`;
  const made = await coderCall(coder, 'POST', '/users', {
    body: {
      email: `${username}@example.com`,
      username,
      password: `pw-${Date.now()}-long-enough`,
      login_type: 'password',
      organization_ids: [org.id],
    },
  });
  expect([made.status, made.body.status]).toEqual([201, 'dormant']);
  // createCoderUser signs its users in once, as the bootstrap does: they are active.
  const signedIn = await coderCall(coder, 'GET', `/users/${user.username}`);
  expect(signedIn.body.status).toBe('active');
});
