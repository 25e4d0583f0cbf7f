import { ResponseError } from '@backstage/errors';
import {
  backendErrorResponse,
  cannedBackend,
  jsonResponse,
} from '@internal/plugin-mlp-react/testUtils';
import { job, myTeams } from '../__testUtils__/fixtures';
import { JobsClient } from './JobsClient';

const BASE = 'http://localhost:7007';

/** The client against a backend that answers with these responses, one per call. */
function setup(...responses: Response[]) {
  const backend = cannedBackend(['jobs', 'gpu-quota'], responses);
  const client = new JobsClient(backend);
  return { client, ...backend };
}

describe('JobsClient', () => {
  it("lists all the user's teams' jobs, or one team's", async () => {
    const jobs = [job()];
    const { client, call } = setup(
      jsonResponse({ jobs }),
      jsonResponse({ jobs: [] }),
    );
    await expect(client.listJobs()).resolves.toEqual(jobs);
    await expect(client.listJobs('nlp-team')).resolves.toEqual([]);
    expect(call(0).url).toBe(`${BASE}/api/jobs`);
    expect(call(0).init).toBeUndefined();
    expect(call(1).url).toBe(`${BASE}/api/jobs?team=nlp-team`);
  });

  it('reads one job, with its id encoded', async () => {
    const one = job();
    const { client, call } = setup(jsonResponse(one), jsonResponse(one));
    await expect(client.getJob('bert-finetuning-x7k2p')).resolves.toEqual(one);
    await client.getJob('a/b');
    expect(call(0).url).toBe(`${BASE}/api/jobs/bert-finetuning-x7k2p`);
    expect(call(1).url).toBe(`${BASE}/api/jobs/a%2Fb`);
  });

  it('reads the logs as text', async () => {
    const text = 'epoch 1 loss 0.42\nepoch 2 loss 0.31\n';
    const { client, call } = setup(
      new Response(text, {
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      }),
    );
    await expect(client.getLogs('bert-finetuning-x7k2p')).resolves.toBe(text);
    expect(call(0).url).toBe(`${BASE}/api/jobs/bert-finetuning-x7k2p/logs`);
  });

  it('cancels a job with DELETE and answers the job', async () => {
    const cancelled = job({ phase: 'Running' });
    const { client, call } = setup(jsonResponse({ job: cancelled }));
    await expect(client.cancelJob('bert-finetuning-x7k2p')).resolves.toEqual(
      cancelled,
    );
    expect(call(0).url).toBe(`${BASE}/api/jobs/bert-finetuning-x7k2p`);
    expect(call(0).init?.method).toBe('DELETE');
  });

  it("reads the user's teams from the GPU quota backend", async () => {
    const { client, call } = setup(jsonResponse(myTeams));
    await expect(client.myTeams()).resolves.toEqual(myTeams);
    expect(call(0).url).toBe(`${BASE}/api/gpu-quota/me`);
  });

  it('answers the backend base URL for mlp login, without /api/jobs', async () => {
    const { client, fetch, discoveryApi } = setup();
    await expect(client.getBackendUrl()).resolves.toBe(BASE);
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('jobs');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('throws a ResponseError that keeps the server message', async () => {
    const message =
      'user:default/alex.kim is not a member of team vision-team: only its members see its jobs';
    const { client } = setup(
      backendErrorResponse(403, 'NotAllowedError', message),
    );
    const error = await client.listJobs('vision-team').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.message).toBe(message);
  });

  it('throws for failed logs and cancels too', async () => {
    const { client } = setup(
      backendErrorResponse(
        503,
        'ServiceUnavailableError',
        'No Kubernetes cluster is configured for training jobs',
      ),
      backendErrorResponse(404, 'NotFoundError', 'No job gone-1 in your teams'),
    );
    await expect(client.getLogs('x')).rejects.toMatchObject({
      statusCode: 503,
      body: {
        error: {
          message: 'No Kubernetes cluster is configured for training jobs',
        },
      },
    });
    await expect(client.cancelJob('gone-1')).rejects.toMatchObject({
      statusCode: 404,
      body: { error: { message: 'No job gone-1 in your teams' } },
    });
  });
});
