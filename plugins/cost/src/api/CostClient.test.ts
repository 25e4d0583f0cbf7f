import { ResponseError } from '@backstage/errors';
import {
  cannedBackend,
  jsonResponse,
} from '@internal/plugin-mlp-react/testUtils';
import { budget, budgetStatus, costSummary } from '../__testUtils__/fixtures';
import { CostClient } from './CostClient';

const BASE_URL = 'http://localhost:7007/api/cost';

/** The client against a backend that answers with these responses, one per call. */
function setup(...responses: Response[]) {
  const backend = cannedBackend('cost', responses);
  const client = new CostClient(backend);
  return { client, ...backend };
}

const november = { from: '2026-11-01', to: '2026-12-01' };

describe('CostClient', () => {
  it('reads the rates', async () => {
    const rates = {
      currency: 'EUR',
      gpuHourlyRates: { 'nvidia.com/gpu': 2.5 },
    };
    const { client, call } = setup(jsonResponse(rates));
    await expect(client.getRates()).resolves.toEqual(rates);
    expect(call(0).url).toBe(`${BASE_URL}/rates`);
    expect(call(0).init).toBeUndefined();
  });

  it('reads a summary for a range, with the team name encoded', async () => {
    const summary = costSummary();
    const { client, call } = setup(
      jsonResponse(summary),
      jsonResponse(summary),
    );
    await expect(client.getSummary('nlp-team', november)).resolves.toEqual(
      summary,
    );
    await client.getSummary('a/b', november);
    expect(call(0).url).toBe(
      `${BASE_URL}/teams/nlp-team/summary?from=2026-11-01&to=2026-12-01`,
    );
    expect(call(1).url).toBe(
      `${BASE_URL}/teams/a%2Fb/summary?from=2026-11-01&to=2026-12-01`,
    );
  });

  it('downloads the summary as CSV with format=csv', async () => {
    const csv = 'section,key,gpu_hours,cost_EUR\r\ntotal,x,1,2.5\r\n';
    const { client, call } = setup(
      new Response(csv, { headers: { 'Content-Type': 'text/csv' } }),
    );
    const blob = await client.exportSummaryCsv('nlp-team', november);
    await expect(blob.text()).resolves.toBe(csv);
    expect(call(0).url).toBe(
      `${BASE_URL}/teams/nlp-team/summary?from=2026-11-01&to=2026-12-01&format=csv`,
    );
  });

  it('reads the budget status and the budgets', async () => {
    const { client, call } = setup(
      jsonResponse(budgetStatus()),
      jsonResponse({ budgets: [budget()] }),
    );
    await expect(client.getBudgetStatus('nlp-team')).resolves.toMatchObject({
      budget: 1000,
      alerts: [50, 80],
    });
    await expect(client.listBudgets('nlp-team')).resolves.toEqual([budget()]);
    expect(call(0).url).toBe(`${BASE_URL}/teams/nlp-team/budget-status`);
    expect(call(1).url).toBe(`${BASE_URL}/budgets/nlp-team`);
  });

  it('puts a budget as JSON with only month and amount', async () => {
    const saved = budget({ month: '2026-12', amount: 900 });
    const { client, call } = setup(jsonResponse(saved));
    await expect(
      client.setBudget('nlp-team', { month: '2026-12', amount: 900 }),
    ).resolves.toEqual(saved);
    expect(call(0).url).toBe(`${BASE_URL}/budgets/nlp-team`);
    expect(call(0).init?.method).toBe('PUT');
    expect(call(0).init?.headers).toEqual({
      'Content-Type': 'application/json',
    });
    expect(call(0).body).toEqual({ month: '2026-12', amount: 900 });
  });

  it('throws a ResponseError carrying the server message on a 4xx', async () => {
    const message =
      'user:default/alex.kim is not a member of team vision-team: only its members and platform keepers see or spend its GPU budget';
    const { client } = setup(
      jsonResponse(
        {
          error: { name: 'NotAllowedError', message },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    const error = await client.getBudgetStatus('vision-team').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.message).toBe(message);
  });

  it('throws on a 400 from setting a budget too', async () => {
    const { client } = setup(
      jsonResponse(
        {
          error: {
            name: 'InputError',
            message: 'month: 2020-01 is in the past',
          },
          response: { statusCode: 400 },
        },
        400,
      ),
    );
    await expect(
      client.setBudget('nlp-team', { month: '2020-01', amount: 5 }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      body: { error: { message: 'month: 2020-01 is in the past' } },
    });
  });

  it('throws on a CSV export refused by the server', async () => {
    const { client } = setup(
      jsonResponse(
        {
          error: {
            name: 'InputError',
            message: 'Invalid query: to: covers more than 366 days',
          },
          response: { statusCode: 400 },
        },
        400,
      ),
    );
    await expect(
      client.exportSummaryCsv('nlp-team', {
        from: '2025-01-01',
        to: '2026-12-01',
      }),
    ).rejects.toBeInstanceOf(ResponseError);
  });
});
