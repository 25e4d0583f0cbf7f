import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { gpuQuotaApiRef, type GpuQuotaApi } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  mockGpuQuotaApi,
  nlpTeam,
  okOverview,
  okTeamAnswer,
  quotaRequest,
  responseError,
  speechTeam,
  visionTeam,
} from '../../__testUtils__/fixtures';
import { user } from '../../__testUtils__/userInput';
import { MyTeamGpusCard } from './MyTeamGpusCard';
import { PendingApprovalsCard } from './PendingApprovalsCard';
import { TeamsNearQuotaCard } from './TeamsNearQuotaCard';

jest.setTimeout(20_000);

const ME = 'user:default/alex.kim';

function render(element: JSX.Element, api: GpuQuotaApi) {
  return renderInTestApp(element, {
    apis: [[gpuQuotaApiRef, api]],
    mountedRoutes: { '/gpu-quotas': rootRouteRef },
  });
}

const never = () => jest.fn(() => new Promise<never>(() => {}));
const unavailable = () =>
  responseError(503, 'ServiceUnavailableError', 'The cluster does not answer');

describe('MyTeamGpusCard', () => {
  it("shows each team's GPUs in use and free, and only the user's own pending requests", async () => {
    const api = mockGpuQuotaApi({
      getTeamQuota: jest.fn(async (team: string) =>
        team === 'nlp-team'
          ? okTeamAnswer(nlpTeam)
          : {
              status: 'no-quota',
              team,
              message: `Team ${team} has no GPU quota`,
            },
      ),
      listRequests: jest.fn(async () => [
        quotaRequest({ id: 'mine' }),
        quotaRequest({ id: 'theirs', requestedBy: 'user:default/x' }),
      ]),
    });
    render(
      <MyTeamGpusCard teams={['nlp-team', 'new-team']} userEntityRef={ME} />,
      api,
    );
    expect(
      await screen.findByText('nvidia.com/gpu: 4 of 8 in use, 4 free'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('nvidia.com/mig-1g.10gb: 0 of 2 in use, 2 free'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Team new-team has no GPU quota'),
    ).toBeInTheDocument();
    expect(api.listRequests).toHaveBeenCalledWith({ status: 'pending' });
    const mine = screen.getByRole('list', {
      name: 'Your pending quota requests',
    });
    expect(within(mine).getAllByRole('listitem')).toHaveLength(1);
    expect(mine).toHaveTextContent(
      'nlp-team: nvidia.com/gpu 8 → 12 for 14 days',
    );
    expect(screen.getByRole('link', { name: 'nlp-team' })).toHaveAttribute(
      'href',
      '/catalog/default/group/nlp-team',
    );
  });

  it('shows progress while loading', async () => {
    render(
      <MyTeamGpusCard teams={['nlp-team']} userEntityRef={ME} />,
      mockGpuQuotaApi({ getTeamQuota: never() }),
    );
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('says what to do when the user is in no team', async () => {
    const api = mockGpuQuotaApi();
    render(<MyTeamGpusCard teams={[]} userEntityRef={ME} />, api);
    expect(
      await screen.findByText(/You are not a member of a team yet/),
    ).toBeInTheDocument();
    expect(api.listRequests).not.toHaveBeenCalled();
  });

  it('shows a failure and retries', async () => {
    const api = mockGpuQuotaApi({
      getTeamQuota: jest
        .fn()
        .mockRejectedValueOnce(await unavailable())
        .mockResolvedValue(okTeamAnswer(nlpTeam)),
    });
    render(<MyTeamGpusCard teams={['nlp-team']} userEntityRef={ME} />, api);
    expect(
      await screen.findByText('The cluster does not answer'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText('nvidia.com/gpu: 4 of 8 in use, 4 free'),
    ).toBeInTheDocument();
  });
});

describe('PendingApprovalsCard', () => {
  it('lists the waiting requests oldest first, linking to where keepers decide', async () => {
    const api = mockGpuQuotaApi({
      listRequests: jest.fn(async () => [
        quotaRequest({ id: 'newer', team: 'vision-team' }),
        quotaRequest({ id: 'older' }),
      ]),
    });
    render(<PendingApprovalsCard />, api);
    const table = await screen.findByRole('table', {
      name: 'Pending approvals',
    });
    expect(api.listRequests).toHaveBeenCalledWith({ status: 'pending' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.getAttribute('data-testid'))).toEqual([
      'approval-older',
      'approval-newer',
    ]);
    expect(
      within(rows[0])
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['nlp-team', '8 → 12', '14 days', 'alex.kim', '3 h ago']);
    expect(
      screen.getByRole('link', { name: /Decide on the GPU quotas page/ }),
    ).toHaveAttribute('href', '/gpu-quotas');
  });

  it('shows progress, the empty state and failures', async () => {
    const { unmount } = render(
      <PendingApprovalsCard />,
      mockGpuQuotaApi({ listRequests: never() }),
    );
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    unmount();

    const empty = render(<PendingApprovalsCard />, mockGpuQuotaApi());
    expect(
      await screen.findByText('No quota request waits for a decision.'),
    ).toBeInTheDocument();
    empty.unmount();

    render(
      <PendingApprovalsCard />,
      mockGpuQuotaApi({
        listRequests: jest.fn().mockRejectedValue(await unavailable()),
      }),
    );
    expect(
      await screen.findByText('The cluster does not answer'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});

describe('TeamsNearQuotaCard', () => {
  it('shows only teams at 90 % or more, fullest first, with the full GPU types', async () => {
    const full = {
      ...speechTeam,
      team: 'audio-team',
      pressure: 1,
      resources: [
        { resource: 'nvidia.com/gpu', hard: 4, used: 4, available: 0 },
      ],
    };
    render(
      <TeamsNearQuotaCard />,
      mockGpuQuotaApi({
        getOverview: jest.fn(async () =>
          okOverview([nlpTeam, visionTeam, speechTeam, full]),
        ),
      }),
    );
    await screen.findByTestId('near-quota-audio-team');
    const shown = screen
      .getAllByTestId(/^near-quota-/)
      .map(e => e.getAttribute('data-testid'));
    expect(shown).toEqual(['near-quota-audio-team', 'near-quota-vision-team']);
    expect(
      screen.getByText('nvidia.com/gpu: 15 of 16 in use'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('near-quota-vision-team')).toHaveTextContent(
      'vision-team 94 %',
    );
  });

  it('says when no team is near, when no cluster is configured, and shows failures', async () => {
    const a = render(
      <TeamsNearQuotaCard />,
      mockGpuQuotaApi({
        getOverview: jest.fn(async () => okOverview([nlpTeam, speechTeam])),
      }),
    );
    expect(
      await screen.findByText('No team uses 90 % or more of its GPU quota.'),
    ).toBeInTheDocument();
    a.unmount();

    const b = render(
      <TeamsNearQuotaCard />,
      mockGpuQuotaApi({
        getOverview: jest.fn(async () => ({
          status: 'not-configured',
          message: 'Set kubernetes.clusterLocatorMethods',
        })),
      }),
    );
    expect(
      await screen.findByText('Set kubernetes.clusterLocatorMethods'),
    ).toBeInTheDocument();
    b.unmount();

    render(
      <TeamsNearQuotaCard />,
      mockGpuQuotaApi({
        getOverview: jest.fn().mockRejectedValue(await unavailable()),
      }),
    );
    expect(
      await screen.findByText('The cluster does not answer'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    render(<TeamsNearQuotaCard />, mockGpuQuotaApi({ getOverview: never() }));
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });
});
