import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import type { PlatformMetrics } from '@internal/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { PlatformMetricsPage } from './PlatformMetricsPage';

jest.setTimeout(20_000);

const zero = {
  submitted: 0,
  succeeded: 0,
  failed: 0,
  cancelled: 0,
  unfinished: 0,
  uniqueUsers: 0,
  gpuHours: 0,
};

const metrics = (days: number): PlatformMetrics => ({
  days,
  from: '2026-11-07T12:00:00.000Z',
  to: '2026-12-07T12:00:00.000Z',
  overall: {
    submitted: 12,
    succeeded: 8,
    failed: 3,
    cancelled: 1,
    unfinished: 0,
    uniqueUsers: 4,
    gpuHours: 31.25,
    averageRuntimeSeconds: 5400,
    averageQueueWaitSeconds: 42,
    medianQueueWaitSeconds: 30,
    members: 6,
    adopters: 4,
    adoptionRate: 0.6667,
    medianTimeToFirstJobSeconds: 1500,
    workspacesUsed: 5,
    workspaceUsers: 3,
  },
  teams: [
    {
      team: 'nlp-team',
      ...zero,
      submitted: 12,
      succeeded: 8,
      failed: 3,
      cancelled: 1,
      uniqueUsers: 4,
      gpuHours: 31.25,
      members: 4,
      adopters: 4,
      adoptionRate: 1,
    },
    { team: 'tabular-team', ...zero, members: 2, adopters: 0, adoptionRate: 0 },
  ],
  weeks: [{ week: '2026-11-30', ...zero, submitted: 12, succeeded: 8 }],
  newUsers: [
    {
      userEntityRef: 'user:default/jonas.berg',
      firstSignInAt: '2026-12-01T09:00:00.000Z',
      firstRunningAt: '2026-12-01T09:25:00.000Z',
      seconds: 1500,
    },
    {
      userEntityRef: 'user:default/li.wei',
      firstSignInAt: '2026-12-02T09:00:00.000Z',
    },
  ],
});

function render(api: Record<string, jest.Mock>) {
  return renderInTestApp(<PlatformMetricsPage />, {
    apis: [[platformMetricsApiRef, api]] as any,
  });
}

describe('PlatformMetricsPage', () => {
  it('shows the overall figures, each team and each new user, for the window chosen', async () => {
    const api = {
      summary: jest.fn(async (days: number) => metrics(days)),
      csv: jest.fn(),
    };
    render(api);
    const overall = await screen.findByLabelText('Overall');
    expect(api.summary).toHaveBeenCalledWith(30);
    const figure = (label: string) =>
      within(overall).getByText(label).nextElementSibling?.textContent;
    expect(figure('Jobs submitted')).toBe('12');
    expect(figure('Failed')).toBe('3');
    expect(figure('GPU-hours')).toBe('31.25');
    expect(figure('Average runtime')).toBe('1 h 30 min');
    expect(figure('Queue wait (average)')).toBe('42 s (median 30 s)');
    expect(figure('Adoption')).toBe('4 of 6 (67 %)');
    expect(figure('Time to first job (median)')).toBe('25 min');
    expect(figure('Workspaces used')).toBe('5 by 3 people');

    const tabular = screen.getByTestId('team-tabular-team');
    expect(within(tabular).getByText('0 of 2 (0 %)')).toBeInTheDocument();
    const newcomers = screen.getByRole('table', {
      name: 'Time to first training job',
    });
    expect(within(newcomers).getByText('25 min')).toBeInTheDocument();
    expect(within(newcomers).getByText('no job ran yet')).toBeInTheDocument();

    await userEvent.selectOptions(
      screen.getByLabelText('Window'),
      'Last 90 days',
    );
    expect(await screen.findByText('The last 90 days')).toBeInTheDocument();
    expect(api.summary).toHaveBeenLastCalledWith(90);
  });

  it('says that nothing ran in an empty window', async () => {
    const empty = metrics(7);
    empty.overall = { ...zero, members: 6, adopters: 0, adoptionRate: 0 };
    empty.newUsers = [];
    render({ summary: jest.fn(async () => empty), csv: jest.fn() });
    expect(
      await screen.findByText('No job was submitted in this window.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Nobody signed in for the first time in this window.'),
    ).toBeInTheDocument();
  });

  it('shows the refusal a scientist gets', async () => {
    const refusal = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message:
              'Only platform keepers see the platform metrics (permission platform-metrics.read)',
          },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    render({
      summary: jest.fn(async () => {
        throw refusal;
      }),
      csv: jest.fn(),
    });
    expect(
      await screen.findByText(/Only platform keepers see the platform metrics/),
    ).toBeInTheDocument();
    // Nothing to retry or download.
    expect(screen.queryByRole('button', { name: /Retry/ })).toBeNull();
    expect(screen.queryByLabelText('Window')).toBeNull();
  });
});
