import { screen } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { costApiRef, type CostApi } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  budgetStatus,
  mockCostApi,
  responseError,
  unbudgetedStatus,
} from '../../__testUtils__/fixtures';
import { user } from '../../__testUtils__/userInput';
import { TeamSpendCard } from './TeamSpendCard';
import { TeamsNearBudgetCard } from './TeamsNearBudgetCard';

jest.setTimeout(20_000);

/** Half-way through November 2026 (UTC): 14.5 of its 30 days are over. */
const NOW = new Date('2026-11-15T12:00:00Z');

function team(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name },
    spec: { type: 'team', children: [] },
  };
}

function render(element: JSX.Element, api: CostApi) {
  return renderInTestApp(element, {
    apis: [
      [costApiRef, api],
      catalogApiMock({
        entities: [team('nlp-team'), team('vision-team'), team('asr-team')],
      }),
      mockApis.identity({ userEntityRef: 'user:default/morgan.lee' }),
    ],
    mountedRoutes: { '/cost': rootRouteRef },
  });
}

const never = () => jest.fn(() => new Promise<never>(() => {}));
const unavailable = () =>
  responseError(503, 'ServiceUnavailableError', 'The ledger does not answer');

function figuresOf(name: string): string[] {
  const list = screen.getByTestId(`spend-${name}`).querySelector('dl')!;
  return Array.from(list.querySelectorAll('div')).map(d => d.textContent ?? '');
}

describe('TeamSpendCard', () => {
  it("shows each team's spend, budget and forecast, and warns when the forecast is above the budget", async () => {
    const api = mockCostApi({
      getBudgetStatus: jest.fn(async (t: string) =>
        t === 'nlp-team'
          ? budgetStatus()
          : unbudgetedStatus({ team: t, spent: 10, reserved: 0 }),
      ),
    });
    render(
      <TeamSpendCard teams={['nlp-team', 'vision-team']} now={NOW} />,
      api,
    );
    await screen.findByTestId('spend-nlp-team');
    // 612.50 in 14.5 of 30 days: 1,267.24 at the end of the month
    expect(figuresOf('nlp-team')).toEqual([
      'Spent612.50 EUR',
      'Budget1,000.00 EUR',
      'Forecast1,267.24 EUR',
    ]);
    expect(screen.getByTestId('spend-nlp-team')).toHaveTextContent(
      'At this pace the month ends 267.24 EUR above the budget.',
    );
    expect(screen.getByTestId('spend-vision-team')).not.toHaveTextContent(
      'At this pace',
    );
    expect(figuresOf('vision-team')).toEqual([
      'Spent10.00 EUR',
      'Budgetnone',
      'Forecast20.69 EUR',
    ]);
    expect(
      screen.getByText('No budget set: spend is not limited.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'nlp-team' })).toHaveAttribute(
      'href',
      '/cost?team=nlp-team',
    );
  });

  it('shows progress, the empty state, and a failure with a retry', async () => {
    const a = render(
      <TeamSpendCard teams={['nlp-team']} now={NOW} />,
      mockCostApi({ getBudgetStatus: never() }),
    );
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    a.unmount();

    const b = render(<TeamSpendCard teams={[]} now={NOW} />, mockCostApi());
    expect(
      await screen.findByText(/You are not a member of a team yet/),
    ).toBeInTheDocument();
    b.unmount();

    render(
      <TeamSpendCard teams={['nlp-team']} now={NOW} />,
      mockCostApi({
        getBudgetStatus: jest
          .fn()
          .mockRejectedValueOnce(await unavailable())
          .mockResolvedValue(budgetStatus()),
      }),
    );
    expect(
      await screen.findByText('The ledger does not answer'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('spend-nlp-team')).toBeInTheDocument();
  });
});

describe('TeamsNearBudgetCard', () => {
  it('lists only teams past the 80 % alert, fullest first', async () => {
    const api = mockCostApi({
      getBudgetStatus: jest.fn(async (t: string) => {
        if (t === 'nlp-team') return budgetStatus(); // 862.50 of 1000
        if (t === 'asr-team')
          return budgetStatus({
            team: t,
            spent: 950,
            reserved: 100,
            alerts: [50, 80, 100],
          });
        return budgetStatus({ team: t, spent: 100, reserved: 0, alerts: [] });
      }),
    });
    render(<TeamsNearBudgetCard />, api);
    await screen.findByTestId('near-budget-nlp-team');
    expect(api.getBudgetStatus).toHaveBeenCalledTimes(3);
    expect(
      screen
        .getAllByTestId(/^near-budget-/)
        .map(e => e.getAttribute('data-testid')),
    ).toEqual(['near-budget-asr-team', 'near-budget-nlp-team']);
    expect(screen.getByTestId('near-budget-nlp-team')).toHaveTextContent(
      'nlp-team 86 %612.50 EUR spent, 250.00 EUR reserved of 1,000.00 EUR',
    );
  });

  it('shows progress, the empty state and failures', async () => {
    const a = render(
      <TeamsNearBudgetCard />,
      mockCostApi({ getBudgetStatus: never() }),
    );
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    a.unmount();

    const b = render(
      <TeamsNearBudgetCard />,
      mockCostApi({
        getBudgetStatus: jest.fn(async (t: string) =>
          unbudgetedStatus({ team: t }),
        ),
      }),
    );
    expect(
      await screen.findByText(
        'No team has spent or reserved 80 % of its budget this month.',
      ),
    ).toBeInTheDocument();
    b.unmount();

    render(
      <TeamsNearBudgetCard />,
      mockCostApi({
        getBudgetStatus: jest.fn().mockRejectedValue(await unavailable()),
      }),
    );
    expect(
      await screen.findByText('The ledger does not answer'),
    ).toBeInTheDocument();
  });
});
