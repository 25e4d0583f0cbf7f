import { ResponseError } from '@backstage/errors';
import {
  cannedBackend,
  jsonResponse,
} from '@internal/plugin-mlp-react/testUtils';
import { connected, created, workspace } from '../__testUtils__/fixtures';
import { CoderBackendClient } from './CoderBackendClient';

const BASE_URL = 'http://localhost:7007/api/coder';

/** The client against a backend that answers with these responses, one per call. */
function setup(...responses: Response[]) {
  const backend = cannedBackend('coder', responses);
  const client = new CoderBackendClient(backend);
  return { client, ...backend };
}

describe('CoderBackendClient', () => {
  it('reads, stores and removes the connection', async () => {
    const { client, call } = setup(
      jsonResponse({
        status: 'not-connected',
        coderUrl: 'https://coder.example',
      }),
      jsonResponse(connected),
      new Response(null, { status: 204 }),
    );
    await expect(client.getConnection()).resolves.toMatchObject({
      status: 'not-connected',
    });
    await expect(client.connect('secret-token-123')).resolves.toEqual(
      connected,
    );
    await expect(client.disconnect()).resolves.toBeUndefined();
    expect(call(0)).toMatchObject({ url: `${BASE_URL}/connection` });
    expect(call(1)).toMatchObject({
      url: `${BASE_URL}/connection`,
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: { token: 'secret-token-123' },
    });
    expect(call(2)).toMatchObject({
      url: `${BASE_URL}/connection`,
      method: 'DELETE',
    });
  });

  it("reads the user's Coder quota, absent when Coder has none", async () => {
    const { client, call } = setup(
      jsonResponse({ quota: { creditsConsumed: 3, budget: 10 } }),
      jsonResponse({}),
    );
    await expect(client.getQuota()).resolves.toEqual({
      creditsConsumed: 3,
      budget: 10,
    });
    await expect(client.getQuota()).resolves.toBeUndefined();
    expect(call(0).url).toBe(`${BASE_URL}/quota`);
  });

  it('lists templates and workspaces with only the filters given', async () => {
    const answer = { status: 'ok', coderUrl: 'x', workspaces: [] };
    const { client, call } = setup(
      jsonResponse({ templates: [{ name: 'gpu-pytorch' }] }),
      jsonResponse(answer),
      jsonResponse(answer),
      jsonResponse(answer),
    );
    await expect(client.listTemplates()).resolves.toEqual([
      { name: 'gpu-pytorch' },
    ]);
    await client.listWorkspaces({
      repoUrl: 'https://github.com/acme/a b',
      template: 'gpu-pytorch',
    });
    await client.listWorkspaces({ template: 'gpu-pytorch' });
    await expect(client.listWorkspaces()).resolves.toEqual(answer);
    expect(call(0).url).toBe(`${BASE_URL}/templates`);
    expect(call(1).url).toBe(
      `${BASE_URL}/workspaces?repoUrl=https%3A%2F%2Fgithub.com%2Facme%2Fa+b&template=gpu-pytorch`,
    );
    expect(call(2).url).toBe(`${BASE_URL}/workspaces?template=gpu-pytorch`);
    expect(call(3).url).toBe(`${BASE_URL}/workspaces`);
  });

  it('reads one workspace, creates one and starts builds', async () => {
    const ws = workspace({ id: 'a/b' });
    const made = created();
    const { client, call } = setup(
      jsonResponse(ws),
      jsonResponse(made, 201),
      jsonResponse(ws, 202),
      jsonResponse(ws, 202),
    );
    await expect(client.getWorkspace('a/b')).resolves.toEqual(ws);
    const request = {
      name: 'bert-gpu-2',
      template: 'gpu-pytorch',
      team: 'nlp-team',
      gpus: 2,
      repoUrl: 'https://github.com/acme/x',
    };
    await expect(client.createWorkspace(request)).resolves.toEqual(made);
    await expect(
      client.buildWorkspace('a/b', 'stop', 'nlp-team'),
    ).resolves.toEqual(ws);
    await expect(
      client.buildWorkspace('a/b', 'start', 'nlp-team'),
    ).resolves.toEqual(ws);
    expect(call(0).url).toBe(`${BASE_URL}/workspaces/a%2Fb`);
    expect(call(1)).toMatchObject({
      url: `${BASE_URL}/workspaces`,
      method: 'POST',
      body: request,
    });
    expect(call(2)).toMatchObject({
      url: `${BASE_URL}/workspaces/a%2Fb/builds`,
      method: 'POST',
      body: { transition: 'stop' },
    });
    // Only a start carries the team: it is what the quota and budget check needs.
    expect(call(3)).toMatchObject({
      body: { transition: 'start', team: 'nlp-team' },
    });
  });

  it('throws a ResponseError carrying the server message', async () => {
    const message =
      'nlp-team has 1 of 8 GPUs available; the workspace asks for 2';
    const { client } = setup(
      jsonResponse(
        {
          error: { name: 'ConflictError', message },
          response: { statusCode: 409 },
        },
        409,
      ),
    );
    const error = await client
      .createWorkspace({
        name: 'bert-gpu-2',
        template: 'gpu-pytorch',
        team: 'nlp-team',
        gpus: 2,
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.body.error.message).toBe(message);
  });
});
