import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type {
  IdleNotice,
  IdlePolicy,
} from '@internal/plugin-utilization-common';
import { utilizationApiRef, type UtilizationApi } from '../../api';
import { IdleGpusPage } from './IdleGpusPage';

jest.setTimeout(20_000);

const notice = (over: Partial<IdleNotice> = {}): IdleNotice => ({
  id: '6f1f6a54-3f5e-4f8e-9a36-0d7c2c4bb1a1',
  team: 'nlp-team',
  kind: 'job',
  workload: 'forgotten-x7k2p',
  owner: 'user:default/amira.haddad',
  state: 'notified',
  averagePercent: 3,
  gpus: 2,
  notifiedAt: '2026-12-08T10:00:00Z',
  stopAt: '2026-12-08T10:30:00Z',
  snoozes: 0,
  ...over,
});
const policy: IdlePolicy = {
  team: 'nlp-team',
  idleBelowPercent: 10,
  windowMinutes: 60,
  graceMinutes: 30,
  snoozeMinutes: 60,
  maxSnoozes: 1,
  updatedBy: 'user:default/morgan.lee',
  updatedAt: '2026-12-08T09:00:00Z',
};

function mockApi(over: Partial<UtilizationApi> = {}): UtilizationApi {
  return {
    notices: jest.fn(async () => [notice()]),
    keep: jest.fn(async () => notice({ state: 'snoozed', snoozes: 1 })),
    stop: jest.fn(async () => notice({ state: 'stopped' })),
    policy: jest.fn(async () => policy),
    setPolicy: jest.fn(async () => policy),
    events: jest.fn(async () => [
      {
        id: 1,
        noticeId: notice().id,
        team: 'nlp-team',
        workload: 'forgotten-x7k2p',
        action: 'notified' as const,
        actor: 'idle-reclaim',
        at: '2026-12-08T10:00:00Z',
        detail: '2 GPUs under 10 % for 60 min (3 % on average)',
      },
    ]),
    ...over,
  };
}

function renderPage(api: UtilizationApi) {
  return renderInTestApp(<IdleGpusPage />, {
    apis: [
      [utilizationApiRef, api],
      catalogApiMock({
        entities: ['vision-team', 'nlp-team'].map(name => ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name },
          spec: { type: 'team', children: [] },
        })),
      }),
      mockApis.identity({
        userEntityRef: 'user:default/amira.haddad',
        ownershipEntityRefs: [
          'user:default/amira.haddad',
          'group:default/nlp-team',
        ],
      }),
    ],
  });
}

describe('IdleGpusPage', () => {
  it("shows the user's team's idle jobs, keeps one running, then it may not be kept again", async () => {
    const api = mockApi();
    renderPage(api);
    const table = await screen.findByRole('table', { name: 'Idle notices' });
    const row = within(table).getAllByRole('row')[1];
    expect(within(row).getByText('forgotten-x7k2p')).toBeInTheDocument();
    expect(within(row).getByText('3 %')).toBeInTheDocument();
    expect(within(row).getByText('Idle: will be stopped')).toBeInTheDocument();
    expect(api.notices).toHaveBeenCalledWith('nlp-team');
    // Once kept, the page reads it again: kept, and the policy allows one keep only.
    (api.notices as jest.Mock).mockResolvedValue([
      notice({
        state: 'snoozed',
        snoozes: 1,
        snoozedUntil: '2026-12-08T11:00:00Z',
      }),
    ]);
    await userEvent.click(
      within(row).getByRole('button', { name: 'Keep it running' }),
    );
    expect(api.keep).toHaveBeenCalledWith(notice().id);
    await waitFor(() => expect(api.notices).toHaveBeenCalledTimes(2));
    expect(await screen.findByText('Kept running')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Keep it running' }),
    ).toBeDisabled();
    expect(
      screen.getByText(/stopped 30 minutes later unless kept running/),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('table', { name: 'Idle audit trail' })).getByText(
        'the portal',
      ),
    ).toBeInTheDocument();
  });

  it('stops a job now, and shows a refusal in words', async () => {
    const api = mockApi({
      stop: jest.fn(async () => {
        throw new Error(
          'forgotten-x7k2p is not running any more; nothing to stop',
        );
      }),
    });
    renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Stop now' }),
    );
    expect(api.stop).toHaveBeenCalledWith(notice().id);
    expect(
      await screen.findByText(
        'forgotten-x7k2p is not running any more; nothing to stop',
      ),
    ).toBeInTheDocument();
  });

  it('sends a keeper’s policy as numbers, and says when a team has none', async () => {
    const api = mockApi({
      policy: jest.fn(async () => null),
      notices: jest.fn(async () => []),
    });
    renderPage(api);
    expect(
      await screen.findByText(/nlp-team has no idle policy/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No idle GPUs in the last 7 days.'),
    ).toBeInTheDocument();
    const grace = screen.getByLabelText('Grace (minutes)');
    await userEvent.clear(grace);
    await userEvent.type(grace, '15');
    await userEvent.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(api.setPolicy).toHaveBeenCalledWith('nlp-team', {
      idleBelowPercent: 10,
      windowMinutes: 60,
      graceMinutes: 15,
      snoozeMinutes: 60,
      maxSnoozes: 3,
    });
  });
});
