import { screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { gpuQuotaApiRef, type GpuQuotaApi } from '../../api';
import {
  keeper,
  member,
  mockGpuQuotaApi,
  okOverview,
  quotaRequest,
  responseError,
} from '../../__testUtils__/fixtures';
import { fill, user } from '../../__testUtils__/userInput';
import { GpuQuotasPage } from './GpuQuotasPage';
import { AUDIT_FILE_NAME } from './ExportAuditButton';

// Each test renders a whole app; a busy machine running every package's tests needs more
// than Jest's default 5 s for the ones that fill in a dialog.
jest.setTimeout(20_000);

function renderPage(api: GpuQuotaApi) {
  return renderInTestApp(<GpuQuotasPage />, {
    apis: [[gpuQuotaApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

function teamNames(): string[] {
  const table = screen.getByRole('table', {
    name: 'GPU quotas of all teams',
  });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent ?? '');
}

const pending = quotaRequest({ id: 'pending-1' });
const approved = quotaRequest({
  id: 'approved-1',
  team: 'vision-team',
  status: 'approved',
  currentAmount: 12,
  requestedAmount: 16,
  decidedBy: 'user:default/morgan.lee',
  decisionComment: 'fine until the demo',
  decidedAt: '2030-05-01T09:00:00.000Z',
  expiresAt: '2030-05-15T09:00:00.000Z',
});

describe('GpuQuotasPage', () => {
  it('shows progress while the quotas load', async () => {
    const api = mockGpuQuotaApi({
      getOverview: jest.fn(() => new Promise<never>(() => {})),
      listRequests: jest.fn(() => new Promise<never>(() => {})),
    });
    await renderPage(api);
    expect(
      (await screen.findAllByRole('progressbar', { name: 'Loading' })).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('lists every team with its usage, busiest first, and flags those over 90%', async () => {
    const api = mockGpuQuotaApi();
    await renderPage(api);
    await screen.findByRole('table', { name: 'GPU quotas of all teams' });

    expect(teamNames()).toEqual(['vision-team', 'nlp-team', 'speech-team']);
    expect(screen.getByText(/^updated 1[2-9] s ago$/)).toBeInTheDocument();

    const vision = screen.getByTestId('team-row-vision-team');
    expect(within(vision).getByText('over 90%')).toBeInTheDocument();
    expect(within(vision).getByText('94%')).toBeInTheDocument();
    expect(
      within(vision).getByRole('progressbar', {
        name: 'nvidia.com/gpu: 15 of 16 GPUs in use',
      }),
    ).toBeInTheDocument();
    const nlp = screen.getByTestId('team-row-nlp-team');
    expect(within(nlp).queryByText('over 90%')).not.toBeInTheDocument();
    // used and hard are summed over the team's GPU resources: 4 + 0 and 8 + 2
    expect(within(nlp).getByText('4')).toBeInTheDocument();
    expect(within(nlp).getByText('10')).toBeInTheDocument();
    expect(within(nlp).getByRole('link', { name: 'nlp-team' })).toHaveAttribute(
      'href',
      '/catalog/default/group/nlp-team',
    );
  });

  it('sorts by team, used and hard', async () => {
    const api = mockGpuQuotaApi();
    await renderPage(api);
    await screen.findByRole('table', { name: 'GPU quotas of all teams' });

    await user.click(screen.getByRole('button', { name: 'Team' }));
    expect(teamNames()).toEqual(['nlp-team', 'speech-team', 'vision-team']);
    await user.click(screen.getByRole('button', { name: 'Team' }));
    expect(teamNames()).toEqual(['vision-team', 'speech-team', 'nlp-team']);
    await user.click(screen.getByRole('button', { name: 'Used' }));
    expect(teamNames()).toEqual(['vision-team', 'speech-team', 'nlp-team']);
    await user.click(screen.getByRole('button', { name: 'Hard' }));
    expect(teamNames()).toEqual(['speech-team', 'vision-team', 'nlp-team']);
    await user.click(screen.getByRole('button', { name: 'Hard' }));
    expect(teamNames()).toEqual(['nlp-team', 'vision-team', 'speech-team']);
    await user.click(screen.getByRole('button', { name: 'Pressure' }));
    expect(teamNames()).toEqual(['vision-team', 'nlp-team', 'speech-team']);
  });

  it('says when no team has a quota yet', async () => {
    const api = mockGpuQuotaApi({
      getOverview: jest.fn(async () => okOverview([])),
    });
    await renderPage(api);
    expect(
      await screen.findByText('No team has a GPU quota yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /onboard a team/i }),
    ).toHaveAttribute('href', '/create');
    expect(
      screen.queryByRole('table', { name: 'GPU quotas of all teams' }),
    ).not.toBeInTheDocument();
  });

  it('says when no cluster is configured', async () => {
    const api = mockGpuQuotaApi({
      getOverview: jest.fn(async () => ({
        status: 'not-configured' as const,
        message: 'Set kubernetes.clusters in app-config.yaml',
      })),
    });
    await renderPage(api);
    expect(
      await screen.findByText(
        'No Kubernetes cluster is configured for the portal',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Set kubernetes.clusters in app-config.yaml'),
    ).toBeInTheDocument();
  });

  it('shows the server message of a failed load and retries', async () => {
    const api = mockGpuQuotaApi({
      getOverview: jest
        .fn()
        .mockRejectedValueOnce(
          await responseError(
            503,
            'ServiceUnavailableError',
            'The Kubernetes API server did not answer within 10 s',
          ),
        )
        .mockResolvedValue(okOverview()),
    });
    await renderPage(api);
    expect(
      await screen.findByText(
        'The Kubernetes API server did not answer within 10 s',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('table', { name: 'GPU quotas of all teams' }),
    ).toBeInTheDocument();
    expect(api.getOverview).toHaveBeenCalledTimes(2);
  });

  describe('Quota requests', () => {
    it('shows pending and decided requests, without decision buttons for a team member', async () => {
      const api = mockGpuQuotaApi({
        getMe: jest.fn(async () => member),
        listRequests: jest.fn(async () => [pending, approved]),
      });
      await renderPage(api);
      const table = await screen.findByRole('table', {
        name: 'Pending requests',
      });
      const row = within(table).getByTestId('pending-request-pending-1');
      expect(within(row).getByText('nlp-team')).toBeInTheDocument();
      expect(within(row).getByText('nvidia.com/gpu')).toBeInTheDocument();
      expect(within(row).getByText('8 → 12')).toBeInTheDocument();
      expect(
        within(row).getByText('fine-tune the support model before the release'),
      ).toBeInTheDocument();
      expect(within(row).getByText('14 days')).toBeInTheDocument();
      expect(
        within(row).getByText('user:default/alex.kim'),
      ).toBeInTheDocument();
      expect(within(row).getByText('3 h ago')).toBeInTheDocument();
      await waitFor(() => expect(api.getMe).toHaveBeenCalled());
      expect(
        screen.queryByRole('button', { name: 'Approve' }),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Reject' }),
      ).not.toBeInTheDocument();

      const decided = screen.getByRole('table', { name: 'Decided requests' });
      expect(within(decided).getByText('vision-team')).toBeInTheDocument();
      expect(within(decided).getByText('12 → 16')).toBeInTheDocument();
      expect(within(decided).getByText('approved')).toBeInTheDocument();
      expect(
        within(decided).getByText('fine until the demo'),
      ).toBeInTheDocument();
      // decided and ends, in the reader's locale
      expect(within(decided).getAllByText(/2030/)).toHaveLength(2);
    });

    it('lets a keeper approve with an optional comment', async () => {
      const api = mockGpuQuotaApi({
        getMe: jest.fn(async () => keeper),
        listRequests: jest.fn(async () => [pending]),
      });
      await renderPage(api);
      await user.click(await screen.findByRole('button', { name: 'Approve' }));
      const dialog = await screen.findByRole('dialog');
      await fill(
        within(dialog).getByLabelText('Comment'),
        'ok for the release',
      );
      await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(api.approveRequest).toHaveBeenCalledWith(
        'pending-1',
        'ok for the release',
      );
      // both the requests and the quotas change with an approval
      expect(api.listRequests).toHaveBeenCalledTimes(2);
      expect(api.getOverview).toHaveBeenCalledTimes(2);
    });

    it('approves without a comment when none is given', async () => {
      const api = mockGpuQuotaApi({
        getMe: jest.fn(async () => keeper),
        listRequests: jest.fn(async () => [pending]),
      });
      await renderPage(api);
      await user.click(await screen.findByRole('button', { name: 'Approve' }));
      const dialog = await screen.findByRole('dialog');
      await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
      await waitFor(() =>
        expect(api.approveRequest).toHaveBeenCalledWith('pending-1', undefined),
      );
    });

    it('makes a keeper give a reason to reject', async () => {
      const api = mockGpuQuotaApi({
        getMe: jest.fn(async () => keeper),
        listRequests: jest.fn(async () => [pending]),
      });
      await renderPage(api);
      await user.click(await screen.findByRole('button', { name: 'Reject' }));
      const dialog = await screen.findByRole('dialog');
      await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
      expect(
        within(dialog).getByText(/A reason is required when rejecting/),
      ).toBeInTheDocument();
      expect(api.rejectRequest).not.toHaveBeenCalled();

      await fill(
        within(dialog).getByLabelText('Reason'),
        'use the spot pool for this',
      );
      await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
      await waitFor(() =>
        expect(api.rejectRequest).toHaveBeenCalledWith(
          'pending-1',
          'use the spot pool for this',
        ),
      );
      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
    });

    it.each([
      [409, 'ConflictError', 'Request pending-1 was already decided: approved'],
      [403, 'NotAllowedError', 'You cannot approve your own request'],
    ])(
      'keeps the dialog open with the server answer %s',
      async (status, name, message) => {
        const api = mockGpuQuotaApi({
          getMe: jest.fn(async () => keeper),
          listRequests: jest.fn(async () => [pending]),
          approveRequest: jest
            .fn()
            .mockRejectedValue(await responseError(status, name, message)),
        });
        await renderPage(api);
        await user.click(
          await screen.findByRole('button', { name: 'Approve' }),
        );
        const dialog = await screen.findByRole('dialog');
        await fill(within(dialog).getByLabelText('Comment'), 'ok');
        await user.click(
          within(dialog).getByRole('button', { name: 'Approve' }),
        );
        expect(await within(dialog).findByText(message)).toBeInTheDocument();
        expect(within(dialog).getByLabelText('Comment')).toHaveValue('ok');
        expect(api.listRequests).toHaveBeenCalledTimes(1);
      },
    );

    it('downloads the audit trail as CSV through the API client', async () => {
      const csv = new Blob(['at,team,action\n'], { type: 'text/csv' });
      const api = mockGpuQuotaApi({
        exportAuditCsv: jest.fn(async () => csv),
      });
      const createObjectURL = jest.fn(() => 'blob:audit');
      const revokeObjectURL = jest.fn();
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      const clicked: HTMLAnchorElement[] = [];
      const click = jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(function recordClick(this: HTMLAnchorElement) {
          clicked.push(this);
        });
      try {
        await renderPage(api);
        await user.click(
          await screen.findByRole('button', { name: 'Export audit (CSV)' }),
        );
        await waitFor(() => expect(clicked).toHaveLength(1));
        expect(api.exportAuditCsv).toHaveBeenCalled();
        expect(createObjectURL).toHaveBeenCalledWith(csv);
        expect(clicked[0].download).toBe(AUDIT_FILE_NAME);
        expect(clicked[0].getAttribute('href')).toBe('blob:audit');
        expect(revokeObjectURL).toHaveBeenCalledWith('blob:audit');
      } finally {
        click.mockRestore();
      }
    });

    it('shows why the audit export failed', async () => {
      const api = mockGpuQuotaApi({
        exportAuditCsv: jest
          .fn()
          .mockRejectedValue(
            await responseError(
              403,
              'NotAllowedError',
              'Reading the audit trail needs gpu-quota.audit.read',
            ),
          ),
      });
      await renderPage(api);
      await user.click(
        await screen.findByRole('button', { name: 'Export audit (CSV)' }),
      );
      expect(
        await screen.findByText(
          'Reading the audit trail needs gpu-quota.audit.read',
        ),
      ).toBeInTheDocument();
    });
  });
});
