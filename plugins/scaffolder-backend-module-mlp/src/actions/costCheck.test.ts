import { ConfigReader } from '@backstage/config';
import { ResponseError } from '@backstage/errors';
import { mockServices } from '@backstage/backend-test-utils';
import type { CostBudgetService } from '@internal/plugin-cost-node';
import type { GpuQuotaReader } from '@internal/plugin-gpu-quota-node';
import { GpuAdmission } from '@internal/plugin-mlp-admission-node';
import { readSettings } from '../settings';
import { accessFor, runAction } from '../__testUtils__/fakes';
import { createCostCheckAction } from './costCheck';

const settings = readSettings(new ConfigReader({}));
const member = {
  access: accessFor({ keeper: false, teams: ['nlp-team'] }),
  settings,
};

async function conflict(message: string) {
  return ResponseError.fromResponse(
    new Response(
      // The shape of the cost backend's error answers (Backstage's error middleware).
      JSON.stringify({
        error: { name: 'ConflictError', message },
        request: { method: 'POST', url: '/budget-checks' },
        response: { statusCode: 409 },
      }),
      {
        status: 409,
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

/** The one admission path over a cost plugin that answers `answer`; the quota is not read here. */
function budget(answer: () => Promise<unknown>) {
  const check = jest.fn(answer);
  const quota: GpuQuotaReader = {
    team: async () => {
      throw new Error('the cost check reads no quota');
    },
  };
  const service = new GpuAdmission({
    quota,
    budget: { check } as unknown as CostBudgetService,
    logger: mockServices.logger.mock(),
  });
  return { service, check };
}

const input = {
  team: 'nlp-team',
  gpusPerJob: 2,
  runtimeHours: 24,
  reference: 'churn',
};

describe('mlp:cost:check', () => {
  it('reserves the estimate and gives its id', async () => {
    const { service, check } = budget(async () => ({
      reservation: { id: 'r-1', estimate: 120, currency: 'EUR' },
      status: {
        month: '2026-11',
        budget: 500,
        remaining: 380,
        currency: 'EUR',
      },
    }));
    const out = await runAction(createCostCheckAction(member, service), input);
    expect(check).toHaveBeenCalledWith(
      {
        team: 'nlp-team',
        resource: 'nvidia.com/gpu',
        gpus: 2,
        hours: 24,
        reference: 'churn',
      },
      expect.objectContaining({ credentials: expect.anything() }),
    );
    expect(out).toEqual({ reservationId: 'r-1', estimate: 120 });
  });

  it('fails the step with the figures when the budget cannot hold the job', async () => {
    const { service } = budget(async () => {
      throw await conflict(
        'Over budget: ... nlp-team has 5 EUR left of its 100 EUR budget',
      );
    });
    await expect(
      runAction(createCostCheckAction(member, service), input),
    ).rejects.toThrow(/^mlp:cost:check: Over budget: .* has 5 EUR left/);
  });

  it('checks nothing in a dry run or for CPU-only jobs', async () => {
    const { service, check } = budget(async () => ({}));
    await runAction(createCostCheckAction(member, service), input, {
      isDryRun: true,
    });
    await runAction(createCostCheckAction(member, service), {
      ...input,
      gpusPerJob: 0,
    });
    expect(check).not.toHaveBeenCalled();
  });

  it('refuses someone outside the team before asking the cost backend', async () => {
    const { service, check } = budget(async () => ({}));
    const outsider = {
      access: accessFor({ keeper: false, teams: ['vision-team'] }),
      settings,
    };
    await expect(
      runAction(createCostCheckAction(outsider, service), input),
    ).rejects.toThrow(/not a member of group:default\/nlp-team/);
    expect(check).not.toHaveBeenCalled();
  });

  it('names the field of a bad input', async () => {
    const { service } = budget(async () => ({}));
    await expect(
      runAction(createCostCheckAction(member, service), {
        ...input,
        runtimeHours: -3,
      }),
    ).rejects.toThrow(/runtimeHours: must be more than 0/);
  });
});
