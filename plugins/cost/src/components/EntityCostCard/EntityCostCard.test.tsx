import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { costApiRef, type CostApi } from '../../api';
import { costEntityCard } from '../../extensions';
import {
  budgetStatus,
  costSummary,
  mockCostApi,
  responseError,
  unbudgetedStatus,
} from '../../__testUtils__/fixtures';
import { user } from '../../__testUtils__/userInput';

// Each test renders a whole app; a busy machine running every package's tests needs more
// than Jest's default 5 s.
jest.setTimeout(20_000);

const teamGroup: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'nlp-team' },
  spec: { type: 'team', children: [] },
};

function component(
  owner: string,
  type = 'ml-model',
  name = 'support-summariser',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name },
    spec: { type, lifecycle: 'production', owner },
  };
}

function renderCard(api: CostApi, entity: Entity = teamGroup) {
  return renderTestApp({
    extensions: [createTestEntityPage({ entity }), costEntityCard],
    apis: [[costApiRef, api]],
  });
}

/** The value shown under a figure's label. */
function figure(label: string): string {
  const term = screen.getByText(label, { selector: 'dt' });
  return term.nextElementSibling?.textContent ?? '';
}

describe('EntityCostCard', () => {
  it('shows progress while the budget status loads', async () => {
    const api = mockCostApi({
      getBudgetStatus: jest.fn(() => new Promise<never>(() => {})),
    });
    renderCard(api);
    expect(await screen.findByText('GPU cost')).toBeInTheDocument();
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Spent this month')).not.toBeInTheDocument();
  });

  it("shows a team's spend, budget, reserved and remaining, with a bar and its alerts", async () => {
    const api = mockCostApi();
    renderCard(api);

    expect(await screen.findByText('November 2026')).toBeInTheDocument();
    expect(figure('Spent this month')).toBe('612.50 EUR');
    expect(figure('Reserved by running jobs')).toBe('250.00 EUR');
    expect(figure('Budget')).toBe('1,000.00 EUR');
    expect(figure('Remaining')).toBe('137.50 EUR');
    // (612.50 + 250) of 1000
    expect(
      screen.getByRole('progressbar', {
        name: '862.50 EUR of the 1,000.00 EUR budget spent or reserved',
      }),
    ).toHaveAttribute('aria-valuenow', '86');
    const alerts = screen.getByRole('list', { name: 'Budget alerts' });
    expect(
      within(alerts)
        .getAllByRole('listitem')
        .map(chip => chip.textContent),
    ).toEqual(['50% of budget used', '80% of budget used']);
    expect(screen.queryByText('over budget')).not.toBeInTheDocument();
    expect(screen.queryByText(/No budget set/)).not.toBeInTheDocument();
    expect(api.getBudgetStatus).toHaveBeenCalledWith('nlp-team');
    // a team is not a model: its month's summary is read for its GPU utilization only, and
    // without utilization figures (none measured in the fixture) no line is shown
    expect(api.getSummary).toHaveBeenCalledWith('nlp-team', {
      from: '2026-11-01',
      to: '2026-12-01',
    });
    expect(screen.queryByText(/busy on average/)).not.toBeInTheDocument();
  });

  it("shows how busy the team's GPUs were this month, in red when mostly idle", async () => {
    const api = mockCostApi({
      getSummary: jest.fn(async () =>
        costSummary({
          utilization: {
            averagePercent: 8.4,
            peakPercent: 71,
            measuredGpuHours: 245,
            idleGpuHours: 200.5,
            idleCost: 501.25,
          },
          utilizationSource: {
            state: 'measured',
            idleBelowPercent: 10,
            resolutionSeconds: 60,
          },
        }),
      ),
    });
    renderCard(api);
    const line = await screen.findByText(
      'GPUs 8.4 % busy on average (peak 71 %); 200.50 idle GPU-hours, 501.25 EUR',
    );
    expect(line).toHaveClass('MuiTypography-colorError');
  });

  it('says when Prometheus does not answer, and still shows the spend', async () => {
    const api = mockCostApi({
      getSummary: jest.fn(async () =>
        costSummary({
          utilizationSource: {
            state: 'unavailable',
            message: 'Prometheus at http://p:9090 did not answer',
          },
        }),
      ),
    });
    renderCard(api);
    expect(
      await screen.findByText(
        'GPU utilization unknown: Prometheus does not answer',
      ),
    ).toBeInTheDocument();
    expect(figure('Spent this month')).toBe('612.50 EUR');
  });

  it('says over budget in the error colour at 100%', async () => {
    const api = mockCostApi({
      getBudgetStatus: jest.fn(async () =>
        budgetStatus({
          spent: 1020,
          reserved: 0,
          remaining: -20,
          alerts: [50, 80, 100],
        }),
      ),
    });
    renderCard(api);
    const chip = (await screen.findByText('over budget')).closest(
      '[data-alert]',
    );
    expect(chip).toHaveAttribute('data-alert', '100');
    expect(figure('Remaining')).toBe('-20.00 EUR');
    expect(
      screen.getByRole('progressbar', { name: /budget spent or reserved/ }),
    ).toHaveAttribute('aria-valuenow', '100');
  });

  it('says when no budget is set and shows no budget figures', async () => {
    const api = mockCostApi({
      getBudgetStatus: jest.fn(async () => unbudgetedStatus()),
    });
    renderCard(api);
    expect(
      await screen.findByText(/No budget set for this month/),
    ).toBeInTheDocument();
    expect(figure('Spent this month')).toBe('612.50 EUR');
    expect(screen.queryByText('Remaining')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('progressbar', { name: /budget/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Budget alerts' }),
    ).not.toBeInTheDocument();
  });

  it('says when nothing has been spent yet this month', async () => {
    const api = mockCostApi({
      getBudgetStatus: jest.fn(async () =>
        budgetStatus({ spent: 0, reserved: 0, remaining: 1000, alerts: [] }),
      ),
    });
    renderCard(api);
    expect(
      await screen.findByText(/No GPU spend yet this month/),
    ).toBeInTheDocument();
    expect(figure('Spent this month')).toBe('0.00 EUR');
  });

  it('shows the server message of a refused load (403) and retries', async () => {
    const message =
      'user:default/alex.kim is not a member of team nlp-team: only its members and platform keepers see or spend its GPU budget';
    const api = mockCostApi({
      getBudgetStatus: jest
        .fn()
        .mockRejectedValueOnce(
          await responseError(403, 'NotAllowedError', message),
        )
        .mockResolvedValue(budgetStatus()),
    });
    renderCard(api);
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.queryByText('Spent this month')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Spent this month')).toBeInTheDocument();
    expect(screen.queryByText(message)).not.toBeInTheDocument();
    expect(api.getBudgetStatus).toHaveBeenCalledTimes(2);
  });

  describe('on a component', () => {
    it.each([['group:default/nlp-team'], ['nlp-team']])(
      "shows the owner team %s's cost and the model's own line this month",
      async owner => {
        const api = mockCostApi({
          getSummary: jest.fn(async () =>
            costSummary({
              byModel: [
                { key: 'query-rewriter', gpuHours: 200, cost: 500 },
                { key: 'support-summariser', gpuHours: 160, cost: 400 },
              ],
            }),
          ),
        });
        renderCard(api, component(owner));
        const model = await screen.findByRole('region', {
          name: 'GPU cost of model support-summariser',
        });
        expect(
          await within(model).findByText(
            '400.00 EUR for 160.0 GPU-hours month to date',
          ),
        ).toBeInTheDocument();
        expect(within(model).queryByText(/500.00 EUR/)).not.toBeInTheDocument();
        expect(api.getBudgetStatus).toHaveBeenCalledWith('nlp-team');
        // the month of the status, in UTC days, to exclusive
        expect(api.getSummary).toHaveBeenCalledWith('nlp-team', {
          from: '2026-11-01',
          to: '2026-12-01',
        });
        expect(figure('Spent this month')).toBe('612.50 EUR');
      },
    );

    it('says when the model has no GPU time this month', async () => {
      const api = mockCostApi({
        getSummary: jest.fn(async () =>
          costSummary({
            byModel: [{ key: 'query-rewriter', gpuHours: 85, cost: 212.5 }],
          }),
        ),
      });
      renderCard(api, component('nlp-team'));
      expect(
        await screen.findByText(
          'No GPU time recorded for this model this month',
        ),
      ).toBeInTheDocument();
      expect(screen.queryByText(/212.50 EUR/)).not.toBeInTheDocument();
    });

    it('shows only the team figures on a component that is not a model', async () => {
      const api = mockCostApi();
      renderCard(api, component('nlp-team', 'service', 'support-api'));
      expect(await screen.findByText('Spent this month')).toBeInTheDocument();
      expect(screen.queryByText(/^Model /)).not.toBeInTheDocument();
      // only the team's month, for its utilization line
      expect(api.getSummary).toHaveBeenCalledTimes(1);
    });

    it('explains that a component owned by a user has no team budget', async () => {
      const api = mockCostApi();
      renderCard(api, component('user:default/alex.kim'));
      expect(
        await screen.findByText(/owned by user:default\/alex.kim, not a team/),
      ).toBeInTheDocument();
      expect(api.getBudgetStatus).not.toHaveBeenCalled();
    });
  });

  it('is not shown on groups that are not teams', async () => {
    const api = mockCostApi();
    renderCard(api, {
      ...teamGroup,
      metadata: { name: 'ml-org' },
      spec: { type: 'organization', children: [] },
    });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(screen.queryByText('GPU cost')).not.toBeInTheDocument();
  });
});
