import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { costApiRef, type CostApi } from '../../api';
import {
  budget,
  costSummary,
  mockCostApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { user } from '../../__testUtils__/userInput';
import { CostPage } from './CostPage';

// Each test renders a whole app; a busy machine running every package's tests needs more
// than Jest's default 5 s for the ones that fill in a form.
jest.setTimeout(20_000);

/** Half-way through November 2026 (UTC): 14.5 of its 30 days are over. */
const NOW = new Date('2026-11-15T12:00:00Z');
const NOVEMBER = { from: '2026-11-01', to: '2026-12-01' };

function group(name: string, type = 'team'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name },
    spec: { type, children: [] },
  };
}

function renderPage(
  api: CostApi,
  options: { own?: string[]; path?: string } = {},
) {
  return renderInTestApp(<CostPage now={NOW} />, {
    initialRouteEntries: options.path ? [options.path] : undefined,
    apis: [
      [costApiRef, api],
      catalogApiMock({
        entities: [
          group('vision-team'),
          group('nlp-team'),
          group('asr-team'),
          group('ml-org', 'organization'),
        ],
      }),
      mockApis.identity({
        userEntityRef: 'user:default/alex.kim',
        ownershipEntityRefs: options.own ?? [
          'user:default/alex.kim',
          'group:default/nlp-team',
        ],
      }),
    ],
  });
}

function rowsOf(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent ?? ''),
    );
}

/** Sets a date input the way a date picker does: the whole value at once. */
function setDate(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('CostPage', () => {
  it('shows how busy the GPUs were: figures, columns per line, and why a line has none', async () => {
    const u = (averagePercent: number, idleGpuHours: number) => ({
      averagePercent,
      peakPercent: 90,
      measuredGpuHours: 100,
      idleGpuHours,
      idleCost: idleGpuHours * 2.5,
    });
    const api = mockCostApi({
      getSummary: jest.fn(async () =>
        costSummary({
          byProject: [
            {
              key: 'support-bot',
              gpuHours: 200,
              cost: 500,
              utilization: u(62, 12),
            },
            { key: 'search', gpuHours: 45, cost: 112.5 },
          ],
          utilization: u(55.5, 12),
          utilizationSource: {
            state: 'measured',
            idleBelowPercent: 10,
            resolutionSeconds: 60,
          },
        }),
      ),
    });
    renderPage(api);
    const project = await screen.findByRole('table', {
      name: 'Cost by project',
    });
    expect(rowsOf(project)).toEqual([
      ['support-bot', '200.0', '500.00 EUR', '62 %', '12.00', '30.00 EUR'],
      ['search', '45.0', '112.50 EUR', '–', '–', '–'],
    ]);
    const totals = screen.getByLabelText('Total for the range');
    const value = (label: string) =>
      within(totals).getByText(label, { selector: 'dt' }).nextElementSibling
        ?.textContent;
    expect(value('Average GPU utilization')).toBe('56 %');
    expect(value('Peak')).toBe('90 %');
    expect(value('Idle GPU-hours (under threshold)')).toBe('12.0');
    expect(value('Idle cost')).toBe('30.00 EUR');
  });

  it('says GPU utilization is unknown when Prometheus does not answer, and keeps the costs', async () => {
    const api = mockCostApi({
      getSummary: jest.fn(async () =>
        costSummary({
          utilizationSource: {
            state: 'unavailable',
            message:
              'Prometheus at http://p:9090 did not answer (fetch failed)',
          },
        }),
      ),
    });
    renderPage(api);
    expect(
      await screen.findByText(
        /GPU utilization is unknown right now: Prometheus at http:\/\/p:9090 did not answer/,
      ),
    ).toBeInTheDocument();
    expect(
      rowsOf(screen.getByRole('table', { name: 'Cost by project' }))[0],
    ).toEqual(['support-bot', '200.0', '500.00 EUR']);
  });

  it("shows the user's own team this month: breakdown tables, chart and forecast", async () => {
    const api = mockCostApi();
    renderPage(api);

    const project = await screen.findByRole('table', {
      name: 'Cost by project',
    });
    expect(rowsOf(project)).toEqual([
      ['support-bot', '200.0', '500.00 EUR'],
      ['search', '45.0', '112.50 EUR'],
    ]);
    expect(
      rowsOf(screen.getByRole('table', { name: 'Cost by model' })),
    ).toEqual([
      ['support-summariser', '160.0', '400.00 EUR'],
      ['query-rewriter', '85.0', '212.50 EUR'],
    ]);
    expect(rowsOf(screen.getByRole('table', { name: 'Cost by user' }))).toEqual(
      [['user:default/alex.kim', '245.0', '612.50 EUR']],
    );
    expect(
      rowsOf(screen.getByRole('table', { name: 'Cost by GPU type' })),
    ).toEqual([
      ['nvidia.com/gpu', '240.0', '600.00 EUR'],
      ['nvidia.com/mig-1g.10gb', '5.0', '12.50 EUR'],
    ]);
    expect(
      screen.queryByRole('table', { name: 'Cost of CPU and memory' }),
    ).not.toBeInTheDocument();

    // the own team is preselected, not the first in the list; teams only, sorted
    const select = screen.getByRole('combobox', { name: 'Team' });
    expect(select).toHaveValue('nlp-team');
    expect(
      within(select)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['asr-team', 'nlp-team', 'vision-team']);
    expect(screen.getByLabelText('From')).toHaveValue('2026-11-01');
    expect(screen.getByLabelText('To')).toHaveValue('2026-12-01');
    expect(api.getSummary).toHaveBeenCalledWith('nlp-team', NOVEMBER);

    const chart = screen.getByRole('figure', { name: 'Daily GPU spend' });
    // a bar for each of the two days with spend, and the daily share of the 1000 EUR budget
    expect(chart.querySelectorAll('.recharts-bar-rectangle path')).toHaveLength(
      2,
    );
    expect(within(chart).getByText('Spend (EUR)')).toBeInTheDocument();
    expect(within(chart).getByText('Budget per day (EUR)')).toBeInTheDocument();
    expect(
      within(chart).getByText(/monthly budget ÷ days in the month/),
    ).toBeInTheDocument();
    // 612.50 spent in 14.5 of November's 30 days: 612.50 × 30 / 14.5
    expect(
      await screen.findByText('Forecast for November: 1,267.24 EUR'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Above the 1,000.00 EUR budget by 267.24 EUR.'),
    ).toBeInTheDocument();
  });

  it('loads another team when it is picked', async () => {
    const api = mockCostApi();
    renderPage(api);
    await screen.findByRole('table', { name: 'Cost by project' });
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Team' }),
      'vision-team',
    );
    await waitFor(() =>
      expect(api.getSummary).toHaveBeenLastCalledWith('vision-team', NOVEMBER),
    );
    expect(api.getBudgetStatus).toHaveBeenLastCalledWith('vision-team');
    expect(api.listBudgets).toHaveBeenLastCalledWith('vision-team');
  });

  it('falls back to the first team for a user in none', async () => {
    const api = mockCostApi();
    renderPage(api, { own: ['user:default/morgan.lee'] });
    await screen.findByRole('table', { name: 'Cost by project' });
    expect(screen.getByRole('combobox', { name: 'Team' })).toHaveValue(
      'asr-team',
    );
    expect(api.getSummary).toHaveBeenCalledWith('asr-team', NOVEMBER);
  });

  it('opens the team named in the address, as the card links to it', async () => {
    const api = mockCostApi();
    renderPage(api, { path: '/?team=vision-team' });
    await screen.findByRole('table', { name: 'Cost by project' });
    expect(screen.getByRole('combobox', { name: 'Team' })).toHaveValue(
      'vision-team',
    );
    expect(api.getSummary).toHaveBeenCalledWith('vision-team', NOVEMBER);
    expect(api.getSummary).not.toHaveBeenCalledWith('nlp-team', NOVEMBER);
  });

  it('asks for the chosen range', async () => {
    const api = mockCostApi();
    renderPage(api);
    await screen.findByRole('table', { name: 'Cost by project' });
    setDate('From', '2026-10-01');
    await waitFor(() =>
      expect(api.getSummary).toHaveBeenLastCalledWith('nlp-team', {
        from: '2026-10-01',
        to: '2026-12-01',
      }),
    );
  });

  it.each([
    ['2026-12-01', '2026-12-01', 'From must be before To'],
    ['2026-12-05', '2026-12-01', 'From must be before To'],
    [
      '2025-01-01',
      '2026-12-01',
      'The range covers 699 days; choose at most 366',
    ],
  ])(
    'refuses From %s and To %s without asking the server',
    async (from, to, message) => {
      const api = mockCostApi();
      renderPage(api);
      await screen.findByRole('table', { name: 'Cost by project' });
      expect(api.getSummary).toHaveBeenCalledTimes(1);

      setDate('To', to);
      setDate('From', from);

      expect(await screen.findByText(new RegExp(message))).toBeInTheDocument();
      expect(
        screen.queryByRole('table', { name: 'Cost by project' }),
      ).not.toBeInTheDocument();
      expect(
        screen.getByRole('button', { name: 'Download CSV' }),
      ).toBeDisabled();
      // the summary is never asked for a range the backend would refuse
      expect(api.getSummary).toHaveBeenCalledTimes(1);
      expect(api.getSummary).not.toHaveBeenCalledWith('nlp-team', { from, to });
    },
  );

  it('accepts a range of exactly 366 days', async () => {
    const api = mockCostApi();
    renderPage(api);
    await screen.findByRole('table', { name: 'Cost by project' });
    setDate('From', '2025-11-30');
    await waitFor(() =>
      expect(api.getSummary).toHaveBeenLastCalledWith('nlp-team', {
        from: '2025-11-30',
        to: '2026-12-01',
      }),
    );
    expect(screen.queryByText(/choose at most/)).not.toBeInTheDocument();
  });

  it('downloads the CSV of the selected team and range through the client', async () => {
    const csv = new Blob(['section,key,gpu_hours,cost_EUR\r\n'], {
      type: 'text/csv',
    });
    const api = mockCostApi({ exportSummaryCsv: jest.fn(async () => csv) });
    const createObjectURL = jest.fn(() => 'blob:cost');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: HTMLAnchorElement[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordClick(this: HTMLAnchorElement) {
        clicked.push(this);
      });
    try {
      renderPage(api);
      await screen.findByRole('table', { name: 'Cost by project' });
      setDate('From', '2026-10-01');
      await user.click(screen.getByRole('button', { name: 'Download CSV' }));
      await waitFor(() => expect(clicked).toHaveLength(1));
      expect(api.exportSummaryCsv).toHaveBeenCalledWith('nlp-team', {
        from: '2026-10-01',
        to: '2026-12-01',
      });
      expect(createObjectURL).toHaveBeenCalledWith(csv);
      expect(clicked[0].download).toBe(
        'gpu-cost-nlp-team-2026-10-01-2026-12-01.csv',
      );
      expect(clicked[0].getAttribute('href')).toBe('blob:cost');
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:cost');
    } finally {
      click.mockRestore();
    }
  });

  it('shows why the CSV download failed', async () => {
    const api = mockCostApi({
      exportSummaryCsv: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            503,
            'ServiceUnavailableError',
            'The ledger database is down',
          ),
        ),
    });
    renderPage(api);
    await screen.findByRole('table', { name: 'Cost by project' });
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(
      await screen.findByText('The ledger database is down'),
    ).toBeInTheDocument();
  });

  it("shows the server's refusal of a team the user is not in, and retries", async () => {
    const message =
      'user:default/alex.kim is not a member of team nlp-team: only its members and platform keepers see or spend its GPU budget';
    const api = mockCostApi({
      getSummary: jest
        .fn()
        .mockRejectedValueOnce(
          await responseError(403, 'NotAllowedError', message),
        )
        .mockResolvedValue(costSummary()),
    });
    renderPage(api);
    const alerts = await screen.findAllByText(message);
    expect(alerts.length).toBeGreaterThan(0);
    expect(
      screen.queryByRole('table', { name: 'Cost by project' }),
    ).not.toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Retry' })[0]);
    expect(
      await screen.findByRole('table', { name: 'Cost by project' }),
    ).toBeInTheDocument();
  });

  it('says when the team spent nothing in the range', async () => {
    const api = mockCostApi({
      getSummary: jest.fn(async () =>
        costSummary({
          gpuHours: 0,
          cost: 0,
          daily: [],
          byProject: [],
          byModel: [],
          byUser: [],
          byGpuType: [],
        }),
      ),
    });
    renderPage(api);
    expect(
      await screen.findByText(
        'No GPU spend recorded for nlp-team from 2026-11-01 up to 2026-12-01.',
      ),
    ).toBeInTheDocument();
    const project = screen.getByRole('table', { name: 'Cost by project' });
    expect(
      within(project).getByText('No GPU time in this range'),
    ).toBeInTheDocument();
  });

  it('shows CPU and memory in a table of their own, only when they are priced', async () => {
    const api = mockCostApi({
      getSummary: jest.fn(async () =>
        costSummary({
          byComputeResource: [
            { key: 'cpu', unit: 'core-hours', unitHours: 1200, cost: 48 },
            { key: 'memory', unit: 'GiB-hours', unitHours: 4800, cost: 24 },
          ],
        }),
      ),
    });
    renderPage(api);
    const compute = await screen.findByRole('table', {
      name: 'Cost of CPU and memory',
    });
    expect(rowsOf(compute)).toEqual([
      ['cpu (core-hours)', '1,200.0', '48.00 EUR'],
      ['memory (GiB-hours)', '4,800.0', '24.00 EUR'],
    ]);
  });

  it('says when no budget is set, and then draws no budget line', async () => {
    const api = mockCostApi({
      listBudgets: jest.fn(async () => []),
      getBudgetStatus: jest.fn(async () => ({
        team: 'nlp-team',
        month: '2026-11',
        currency: 'EUR',
        spent: 100,
        reserved: 0,
        alerts: [],
      })),
    });
    renderPage(api);
    expect(
      await screen.findByText('Forecast for November: 206.90 EUR'),
    ).toBeInTheDocument();
    expect(screen.getByText('No budget set for November.')).toBeInTheDocument();
    const chart = await screen.findByRole('figure', {
      name: 'Daily GPU spend',
    });
    expect(
      within(chart).getByText(/there is no budget line/),
    ).toBeInTheDocument();
    expect(
      within(chart).queryByText('Budget per day (EUR)'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText('No budget has been set for this team.'),
    ).toBeInTheDocument();
  });

  describe('Set budget', () => {
    it('puts the month and amount, confirms and reloads the budgets', async () => {
      const api = mockCostApi();
      renderPage(api);
      await screen.findByRole('table', { name: 'Cost by project' });
      const month = screen.getByLabelText('Month');
      expect(month).toHaveValue('2026-11');
      fireEvent.change(month, { target: { value: '2026-12' } });
      await user.type(screen.getByLabelText('Budget amount'), '900.5');
      await user.click(screen.getByRole('button', { name: 'Save budget' }));

      expect(
        await screen.findByText(
          'Budget of nlp-team for 2026-12 set to 900.50 EUR',
        ),
      ).toBeInTheDocument();
      expect(api.setBudget).toHaveBeenCalledWith('nlp-team', {
        month: '2026-12',
        amount: 900.5,
      });
      await waitFor(() => expect(api.listBudgets).toHaveBeenCalledTimes(2));
      expect(api.getBudgetStatus).toHaveBeenCalledTimes(2);
    });

    it.each([
      [
        400,
        'InputError',
        'month: 2026-10 is in the past; budgets are set for this month or later',
      ],
      [
        403,
        'NotAllowedError',
        'Only platform keepers may set budgets (permission cost.budget.set)',
      ],
    ])(
      'shows the server answer %s verbatim and keeps the input',
      async (status, name, message) => {
        const api = mockCostApi({
          setBudget: jest
            .fn()
            .mockRejectedValue(await responseError(status, name, message)),
        });
        renderPage(api);
        await screen.findByRole('table', { name: 'Cost by project' });
        fireEvent.change(screen.getByLabelText('Month'), {
          target: { value: '2026-10' },
        });
        await user.type(screen.getByLabelText('Budget amount'), '700');
        await user.click(screen.getByRole('button', { name: 'Save budget' }));

        expect(await screen.findByText(message)).toBeInTheDocument();
        expect(api.setBudget).toHaveBeenCalledWith('nlp-team', {
          month: '2026-10',
          amount: 700,
        });
        expect(screen.getByLabelText('Budget amount')).toHaveValue(700);
        expect(screen.queryByText(/set to/)).not.toBeInTheDocument();
        expect(api.listBudgets).toHaveBeenCalledTimes(1);
      },
    );

    it('does not send a budget without an amount', async () => {
      const api = mockCostApi();
      renderPage(api);
      await screen.findByRole('table', { name: 'Cost by project' });
      await user.click(screen.getByRole('button', { name: 'Save budget' }));
      expect(
        await screen.findByText(/Budget amount is required/),
      ).toBeInTheDocument();
      expect(api.setBudget).not.toHaveBeenCalled();
    });

    it('lists the budgets already set, latest month first', async () => {
      const api = mockCostApi({
        listBudgets: jest.fn(async () => [
          budget(),
          budget({ month: '2026-12', amount: 1200 }),
        ]),
      });
      renderPage(api);
      const table = await screen.findByRole('table', { name: 'Budgets' });
      expect(rowsOf(table)).toEqual([
        ['2026-12', '1,200.00 EUR', 'user:default/morgan.lee'],
        ['2026-11', '1,000.00 EUR', 'user:default/morgan.lee'],
      ]);
    });
  });
});
