// The client's request path with Node's real fetch against a real HTTP server on loopback that
// drops a kept-alive connection when a second request comes on it: what a client sees when it
// reuses a socket the server closed while idle (MLflow's uvicorn closes them after 5 s by default).
import { ServiceUnavailableError } from '@backstage/errors';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MlflowClient } from './MlflowClient';

let server: Server;
let baseUrl: string;
let answered = 0;

beforeAll(async () => {
  const used = new WeakSet<object>();
  server = createServer((req, res) => {
    if (used.has(req.socket)) {
      req.socket.destroy();
      return;
    }
    used.add(req.socket);
    answered += 1;
    res.setHeader('Content-Type', 'application/json');
    res.end(
      JSON.stringify({
        experiments: [{ experiment_id: '7', name: 'nlp-team/a', tags: [] }],
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise(resolve => server.close(resolve));
});

describe('MlflowClient request path', () => {
  // A POST: undici itself sends an idempotent GET again on a new socket, but never a POST.
  it('sends a request again when the kept-alive socket was closed by the server', async () => {
    const client = new MlflowClient({ name: 'local', baseUrl });
    const search = { filter: "name LIKE 'nlp-team/%'", maxResults: 10 };
    const before = answered;
    await client.searchExperiments(search);
    // fetch puts the socket back in its pool a moment after the answer; then it reuses it.
    await new Promise(resolve => setTimeout(resolve, 20));
    const found = await client.searchExperiments(search);
    expect(found).toEqual({
      experiments: [{ experiment_id: '7', name: 'nlp-team/a', tags: [] }],
    });
    // Three sends: the first, the one on the dropped socket, the one on a new connection.
    expect(answered - before).toBe(2);
    expect(client.requestCount).toBe(3);
  });

  it('does not send again when nothing listens, and says why', async () => {
    const closedPort = await new Promise<number>(resolve => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const client = new MlflowClient({
      name: 'local',
      baseUrl: `http://127.0.0.1:${closedPort}`,
    });
    const failure = client.getExperimentByName('nlp-team/a');
    await expect(failure).rejects.toThrow(ServiceUnavailableError);
    await expect(failure).rejects.toThrow(
      `MLflow server 'local' at http://127.0.0.1:${closedPort} did not answer (fetch failed: connect ECONNREFUSED 127.0.0.1:${closedPort})`,
    );
    expect(client.requestCount).toBe(1);
  });

  it('sends a second time only, then reports the closed socket', async () => {
    const closed = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('other side closed'), {
        code: 'UND_ERR_SOCKET',
      }),
    });
    const fetchImpl = jest.fn(async () => {
      throw closed;
    }) as unknown as typeof fetch;
    const client = new MlflowClient({ name: 'local', baseUrl }, fetchImpl);
    await expect(client.getExperimentByName('nlp-team/a')).rejects.toThrow(
      /did not answer \(fetch failed: other side closed\)/,
    );
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });
});
