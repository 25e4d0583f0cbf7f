import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { costPlugin } from './plugin';

jest.setTimeout(60_000);

async function start(config: object = {}) {
  return startTestBackend({
    features: [
      costPlugin,
      mockServices.rootConfig.factory({
        data: {
          cost: {
            currency: 'EUR',
            gpuRates: [{ resource: 'nvidia.com/gpu', hourlyRate: 2.5 }],
          },
          ...config,
        },
      }),
    ],
  });
}

describe('cost API', () => {
  let backend: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    backend = await start();
  });
  afterAll(() => backend.stop());
  const get = (path: string) =>
    request(backend.server)
      .get(`/api/cost${path}`)
      .set('Authorization', mockCredentials.user.header());

  it.each([
    [
      'a reversed range',
      '/teams/nlp-team/summary?from=2026-12-01&to=2026-11-01',
      /to: from must be before to/,
    ],
    [
      'ten years',
      '/teams/nlp-team/summary?from=2016-01-01&to=2026-01-01',
      /to: covers more than 366 days/,
    ],
    [
      'a date that is not one',
      '/teams/nlp-team/summary?from=2026-13-45&to=2026-12-01',
      /from: is not a date/,
    ],
    [
      'an unknown export format',
      '/teams/nlp-team/summary?from=2026-11-01&to=2026-12-01&format=xlsx',
      /format: Invalid option/,
    ],
    [
      'an unknown parameter',
      '/teams/nlp-team/summary?from=2026-11-01&to=2026-12-01&sep=;',
      /sep: not a field/,
    ],
    [
      'a team name that is not one',
      '/teams/NLP!/summary?from=2026-11-01&to=2026-12-01',
      /team in the path: must be a team name/,
    ],
  ])('refuses %s with 400 and the field named', async (_, path, message) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it.each([
    [
      'a negative budget',
      { month: '2026-12', amount: -5 },
      /amount: must be more than 0/,
    ],
    [
      'a month that is not one',
      { month: 'December', amount: 5 },
      /month: must be a month such as 2026-12/,
    ],
    [
      'an absurd budget',
      { month: '2026-12', amount: 1e12 },
      /amount: must be at most 100000000/,
    ],
  ])('refuses %s', async (_, body, message) => {
    const res = await request(backend.server)
      .put('/api/cost/budgets/nlp-team')
      .set('Authorization', mockCredentials.user.header())
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it.each([
    [
      'zero GPUs',
      { team: 'nlp-team', gpus: 0, hours: 1 },
      /gpus: must be more than 0/,
    ],
    [
      'negative hours',
      { team: 'nlp-team', gpus: 1, hours: -1 },
      /hours: must be more than 0/,
    ],
    [
      'a year of hours',
      { team: 'nlp-team', gpus: 1, hours: 9000 },
      /hours: must be at most 744/,
    ],
  ])('refuses a budget check with %s', async (_, body, message) => {
    const res = await request(backend.server)
      .post('/api/cost/budget-checks')
      .set('Authorization', mockCredentials.user.header())
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('exports a summary as CSV whose total matches the JSON', async () => {
    const json = await get(
      '/teams/nlp-team/summary?from=2026-11-01&to=2026-12-01',
    );
    const csv = await get(
      '/teams/nlp-team/summary?from=2026-11-01&to=2026-12-01&format=csv',
    );
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'section,key,gpu_hours,cost_EUR,avg_gpu_util_pct,peak_gpu_util_pct,idle_gpu_hours,idle_cost_EUR',
    );
    // No Prometheus here: the utilization columns stay empty.
    expect(json.body.utilizationSource).toEqual({ state: 'not-configured' });
    expect(lines.at(-1)).toBe(
      `total,2026-11-01..2026-12-01,${json.body.gpuHours},${json.body.cost},,,,`,
    );
  });

  it('fails start-up on a negative rate, naming the key', async () => {
    await expect(
      start({
        cost: { gpuRates: [{ resource: 'nvidia.com/gpu', hourlyRate: -1 }] },
      }),
    ).rejects.toThrow(
      /cost\.gpuRates\[0\]\.hourlyRate \(nvidia\.com\/gpu\) is -1/,
    );
  });
});
