// Test-only: a plugin backend that answers a frontend client's calls with canned responses, for
// the clients' unit tests (one copy instead of a setup() per client test).

/** A JSON answer, as a backend writes it. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** An error answer as Backstage's error middleware writes it. */
export function backendErrorResponse(
  status: number,
  name: string,
  message: string,
): Response {
  return jsonResponse(
    { error: { name, message }, response: { statusCode: status } },
    status,
  );
}

/**
 * A fetchApi that records each call and answers with the next canned response (a call beyond
 * them fails the test), and a discoveryApi that knows only these plugins, each at
 * http://localhost:7007/api/<id> (`baseUrl` is the first one's).
 */
export function cannedBackend(
  pluginIds: string | string[],
  responses: Response[],
) {
  const known = typeof pluginIds === 'string' ? [pluginIds] : pluginIds;
  const urlOf = (id: string) => `http://localhost:7007/api/${id}`;
  const baseUrl = urlOf(known[0]);
  const fetch = jest.fn(
    async (_url: RequestInfo | URL, _init?: RequestInit) => {
      const next = responses.shift();
      if (!next) throw new Error('unexpected fetch');
      return next;
    },
  );
  const discoveryApi = {
    getBaseUrl: jest.fn(async (id: string) =>
      known.includes(id) ? urlOf(id) : 'http://wrong-plugin',
    ),
  };
  /** The index-th call: its URL, init, method (GET when none), headers and parsed JSON body. */
  const call = (index: number) => {
    const [url, init] = fetch.mock.calls[index];
    return {
      url: String(url),
      init,
      method: init?.method ?? 'GET',
      headers: init?.headers,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
  };
  return { fetch, fetchApi: { fetch }, discoveryApi, call, baseUrl };
}
