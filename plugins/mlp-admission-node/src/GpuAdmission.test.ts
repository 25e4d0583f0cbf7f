import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, ResponseError } from '@backstage/errors';
import type { BudgetCheck } from '@internal/plugin-cost-common';
import type { CostBudgetService } from '@internal/plugin-cost-node';
import type { TeamGpuQuotaAnswer } from '@internal/plugin-gpu-quota-common';
import type { GpuQuotaReader } from '@internal/plugin-gpu-quota-node';
import { GpuAdmission, GpuMisfitError, MisfitWording } from './GpuAdmission';

const credentials = { $$type: '@backstage/BackstageCredentials' } as never;
const allocation = {
  team: 'nlp-team',
  resource: 'nvidia.com/gpu',
  gpus: 2,
  hours: 8,
  reference: 'training job x',
};
const wording: MisfitWording = (misfit, a) =>
  `${misfit.reason}: ${a.gpus} for ${a.team}`;

function answer(used: number, hard = 8): TeamGpuQuotaAnswer {
  return {
    status: 'ok',
    fetchedAt: '',
    maxAgeSeconds: 15,
    quota: {
      team: 'nlp-team',
      namespace: 'nlp-team',
      pressure: 0,
      workloads: [],
      resources: [
        {
          resource: 'nvidia.com/gpu',
          hard,
          used,
          available: Math.max(0, hard - used),
        },
      ],
    },
  };
}

function admission(quotaAnswer: TeamGpuQuotaAnswer) {
  const quota: GpuQuotaReader = { team: jest.fn(async () => quotaAnswer) };
  const budget = {
    check: jest.fn(async (input: BudgetCheck) => ({
      reservation: {
        id: 'r-1',
        team: input.team,
        resource: input.resource,
        gpus: input.gpus,
        hours: input.hours,
        estimate: 40,
        currency: 'EUR',
        requestedBy: 'user:default/amira',
        createdAt: '',
        expiresAt: '',
      },
      status: { month: '2026-12' } as never,
    })),
    release: jest.fn(async () => {}),
  };
  const logger = mockServices.logger.mock();
  return {
    budget,
    logger,
    gate: new GpuAdmission({
      quota,
      budget: budget as unknown as CostBudgetService,
      logger,
    }),
  };
}

describe('GpuAdmission', () => {
  it('checks the quota, then reserves the estimate with the resource', async () => {
    const { gate, budget } = admission(answer(2));
    const admitted = await gate.admit(allocation, credentials, {
      wording,
      withoutCluster: 'proceed',
    });
    expect(admitted.quota).toMatchObject({ hard: 8, used: 2, available: 6 });
    expect(admitted.reservation?.id).toBe('r-1');
    expect(budget.check).toHaveBeenCalledWith(
      {
        team: 'nlp-team',
        resource: 'nvidia.com/gpu',
        gpus: 2,
        hours: 8,
        reference: 'training job x',
      },
      { credentials },
    );
  });

  it("refuses in the caller's words and reserves nothing when the GPUs do not fit", async () => {
    const { gate, budget } = admission(answer(7));
    const error = await gate
      .admit(allocation, credentials, { wording, withoutCluster: 'proceed' })
      .catch(e => e);
    expect(error).toBeInstanceOf(GpuMisfitError);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe('no-free-gpus: 2 for nlp-team');
    expect(budget.check).not.toHaveBeenCalled();
  });

  it("without a cluster, refuses with the caller's error or goes on to the budget", async () => {
    const none: TeamGpuQuotaAnswer = {
      status: 'not-configured',
      message: 'No cluster is configured',
    };
    const refusing = admission(none);
    await expect(
      refusing.gate.admit(allocation, credentials, {
        wording,
        withoutCluster: message => new Error(`refused: ${message}`),
      }),
    ).rejects.toThrow('refused: No cluster is configured');
    const proceeding = admission(none);
    const admitted = await proceeding.gate.admit(allocation, credentials, {
      wording,
      withoutCluster: 'proceed',
    });
    expect(admitted.quota).toBeUndefined();
    expect(admitted.reservation?.id).toBe('r-1');
  });

  it("passes on the budget's refusal as a 409 with its words", async () => {
    const { gate, budget } = admission(answer(0));
    budget.check.mockRejectedValueOnce(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'ConflictError',
              message: 'Over budget: 12 EUR left',
            },
            request: { method: 'POST', url: '/' },
            response: { statusCode: 409 },
          }),
          { status: 409, headers: { 'Content-Type': 'application/json' } },
        ),
      ),
    );
    const error = await gate
      .admit(allocation, credentials, { wording, withoutCluster: 'proceed' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe('Over budget: 12 EUR left');
  });

  it('asks nothing for 0 GPUs, and releases what it reserved, logging a failed release', async () => {
    const { gate, budget, logger } = admission(answer(0));
    expect(
      await gate.admit({ ...allocation, gpus: 0 }, credentials, {
        wording,
        withoutCluster: 'proceed',
      }),
    ).toEqual({});
    expect(budget.check).not.toHaveBeenCalled();
    await gate.release('r-1', credentials);
    expect(budget.release).toHaveBeenCalledWith('r-1', { credentials });
    budget.release.mockRejectedValueOnce(new Error('cost plugin down'));
    await gate.release('r-2', credentials);
    expect(logger.warn).toHaveBeenCalledWith(
      'could not release a budget reservation',
      { reservation: 'r-2', error: 'Error: cost plugin down' },
    );
  });
});
