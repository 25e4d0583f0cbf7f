import { ResponseError } from '@backstage/errors';
import {
  cannedBackend,
  jsonResponse,
} from '@internal/plugin-mlp-react/testUtils';
import { quotaRequest } from '../__testUtils__/fixtures';
import { GpuQuotaClient } from './GpuQuotaClient';

const BASE_URL = 'http://localhost:7007/api/gpu-quota';

const request = quotaRequest({
  createdAt: '2025-01-01T10:00:00.000Z',
  updatedAt: '2025-01-01T10:00:00.000Z',
});

/** The client against a backend that answers with these responses, one per call. */
function setup(...responses: Response[]) {
  const backend = cannedBackend('gpu-quota', responses);
  const client = new GpuQuotaClient(backend);
  return { client, ...backend };
}

describe('GpuQuotaClient', () => {
  it('reads the overview, one team (name encoded) and the signed-in user', async () => {
    const overview = { status: 'not-configured', message: 'no cluster' };
    const { client, call } = setup(
      jsonResponse(overview),
      jsonResponse({ status: 'no-quota', team: 'a/b', message: 'none' }),
      jsonResponse({
        userEntityRef: 'user:default/x',
        teams: [],
        mayDecide: false,
      }),
    );
    await expect(client.getOverview()).resolves.toEqual(overview);
    await expect(client.getTeamQuota('a/b')).resolves.toMatchObject({
      status: 'no-quota',
    });
    await expect(client.getMe()).resolves.toMatchObject({ mayDecide: false });
    expect(call(0).url).toBe(`${BASE_URL}/teams`);
    expect(call(1).url).toBe(`${BASE_URL}/teams/a%2Fb`);
    expect(call(2).url).toBe(`${BASE_URL}/me`);
  });

  it('lists requests with only the filters given', async () => {
    const { client, call } = setup(
      jsonResponse({ requests: [request] }),
      jsonResponse({ requests: [] }),
    );
    await expect(
      client.listRequests({ team: 'nlp-team', status: 'pending' }),
    ).resolves.toEqual([request]);
    await expect(client.listRequests()).resolves.toEqual([]);
    expect(call(0).url).toBe(
      `${BASE_URL}/requests?team=nlp-team&status=pending`,
    );
    expect(call(1).url).toBe(`${BASE_URL}/requests`);
  });

  it('posts a new request as JSON', async () => {
    const { client, call } = setup(jsonResponse(request, 201));
    const body = {
      team: 'nlp-team',
      resource: 'nvidia.com/gpu',
      amount: 12,
      justification: 'fine-tune the support model before the release',
      durationDays: 14,
    };
    await expect(client.createRequest(body)).resolves.toEqual(request);
    expect(call(0).url).toBe(`${BASE_URL}/requests`);
    expect(call(0).init?.method).toBe('POST');
    expect(call(0).init?.headers).toEqual({
      'Content-Type': 'application/json',
    });
    expect(call(0).body).toEqual(body);
  });

  it('approves, rejects and cancels with the comment in the body', async () => {
    const { client, call } = setup(
      jsonResponse({ ...request, status: 'approved' }),
      jsonResponse({ ...request, status: 'approved' }),
      jsonResponse({ ...request, status: 'rejected' }),
      jsonResponse({ ...request, status: 'cancelled' }),
    );
    await client.approveRequest(request.id);
    await client.approveRequest(request.id, 'ok for two weeks');
    await client.rejectRequest(request.id, 'use the spot pool');
    await client.cancelRequest(request.id);
    const path = `${BASE_URL}/requests/${request.id}`;
    expect(call(0)).toMatchObject({ url: `${path}/approve`, body: {} });
    expect(call(1)).toMatchObject({
      url: `${path}/approve`,
      body: { comment: 'ok for two weeks' },
    });
    expect(call(2)).toMatchObject({
      url: `${path}/reject`,
      body: { comment: 'use the spot pool' },
    });
    expect(call(3)).toMatchObject({ url: `${path}/cancel`, body: {} });
    expect(call(3).init?.method).toBe('POST');
  });

  it('reads the audit trail as JSON and exports it as CSV', async () => {
    const csv = 'at,team,action\n2025-01-01,nlp-team,requested\n';
    const { client, call } = setup(
      jsonResponse({ events: [{ id: 1, action: 'requested' }] }),
      new Response(csv, { headers: { 'Content-Type': 'text/csv' } }),
    );
    await expect(client.listAuditEvents({ team: 'nlp-team' })).resolves.toEqual(
      [{ id: 1, action: 'requested' }],
    );
    const blob = await client.exportAuditCsv();
    await expect(blob.text()).resolves.toBe(csv);
    expect(call(0).url).toBe(`${BASE_URL}/audit?team=nlp-team&format=json`);
    expect(call(1).url).toBe(`${BASE_URL}/audit?format=csv`);
  });

  it('throws a ResponseError carrying the server message on a 4xx', async () => {
    const message =
      'amount must be more than 0: the new total, not the difference';
    const { client } = setup(
      jsonResponse(
        {
          error: { name: 'InputError', message },
          request: { method: 'POST', url: '/requests' },
          response: { statusCode: 400 },
        },
        400,
      ),
    );
    const error = await client
      .createRequest({
        team: 'nlp-team',
        resource: 'nvidia.com/gpu',
        amount: 0,
        justification: 'fine-tune the support model',
        durationDays: 7,
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe(message);
    expect(error.cause.message).toBe(message);
  });

  it('throws on a 409 from a decision too', async () => {
    const { client } = setup(
      jsonResponse(
        {
          error: { name: 'ConflictError', message: 'already decided' },
          response: { statusCode: 409 },
        },
        409,
      ),
    );
    await expect(client.approveRequest(request.id)).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 409,
      body: { error: { message: 'already decided' } },
    });
  });
});
