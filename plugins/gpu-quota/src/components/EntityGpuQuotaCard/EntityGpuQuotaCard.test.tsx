import { screen, waitFor, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { gpuQuotaApiRef, type GpuQuotaApi } from '../../api';
import { gpuQuotaEntityCard } from '../../extensions';
import {
  mockGpuQuotaApi,
  nlpTeam,
  okTeamAnswer,
  quotaRequest,
  responseError,
} from '../../__testUtils__/fixtures';
import { fill, user } from '../../__testUtils__/userInput';

// Each test renders a whole app; a busy machine running every package's tests needs more
// than Jest's default 5 s for the ones that fill in a dialog.
jest.setTimeout(20_000);

const teamGroup: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'nlp-team' },
  spec: { type: 'team', children: [] },
};

function component(owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'support-summariser' },
    spec: { type: 'ml-model', lifecycle: 'production', owner },
  };
}

function renderCard(api: GpuQuotaApi, entity: Entity = teamGroup) {
  return renderTestApp({
    extensions: [createTestEntityPage({ entity }), gpuQuotaEntityCard],
    apis: [[gpuQuotaApiRef, api]],
  });
}

describe('EntityGpuQuotaCard', () => {
  it('shows progress while the quota loads', async () => {
    const api = mockGpuQuotaApi({
      getTeamQuota: jest.fn(() => new Promise<never>(() => {})),
    });
    renderCard(api);
    expect(await screen.findByText('GPU quota')).toBeInTheDocument();
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/allocated/)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Request more GPUs' }),
    ).not.toBeInTheDocument();
  });

  it("shows a team's figures, freshness, requests and workloads", async () => {
    const api = mockGpuQuotaApi({
      listRequests: jest.fn(async () => [
        quotaRequest({ id: 'r1', status: 'pending', requestedAmount: 12 }),
        quotaRequest({
          id: 'r2',
          status: 'approved',
          currentAmount: 6,
          requestedAmount: 8,
          expiresAt: '2031-03-04T12:00:00.000Z',
        }),
        quotaRequest({ id: 'r3', status: 'rejected', requestedAmount: 64 }),
      ]),
    });
    renderCard(api);

    const gpu = await screen.findByTestId('resource-nvidia.com/gpu');
    expect(within(gpu).getByText('8 allocated')).toBeInTheDocument();
    expect(within(gpu).getByText('4 in use')).toBeInTheDocument();
    expect(within(gpu).getByText('4 available')).toBeInTheDocument();
    expect(within(gpu).getByText('at most 4 per job')).toBeInTheDocument();
    expect(
      within(gpu).getByRole('progressbar', {
        name: 'nvidia.com/gpu: 4 of 8 GPUs in use',
      }),
    ).toHaveAttribute('aria-valuenow', '50');
    const mig = screen.getByTestId('resource-nvidia.com/mig-1g.10gb');
    expect(within(mig).getByText('2 allocated')).toBeInTheDocument();
    expect(within(mig).getByText('no per-job limit')).toBeInTheDocument();

    expect(screen.getByText(/^updated 1[2-9] s ago$/)).toBeInTheDocument();
    expect(api.getTeamQuota).toHaveBeenCalledWith('nlp-team');
    expect(api.listRequests).toHaveBeenCalledWith({ team: 'nlp-team' });

    const requests = await screen.findByRole('list', {
      name: 'Open requests and increases',
    });
    expect(within(requests).getByText(/8 → 12/)).toBeInTheDocument();
    expect(within(requests).getByText('pending')).toBeInTheDocument();
    expect(within(requests).getByText(/6 → 8/)).toBeInTheDocument();
    expect(within(requests).getByText(/^until .*2031/)).toBeInTheDocument();
    expect(within(requests).queryByText(/→ 64/)).not.toBeInTheDocument();

    const workloads = screen.getByRole('table', {
      name: 'Workloads holding GPUs',
    });
    expect(
      within(workloads).getByText('train-support-model-x7k2p'),
    ).toBeInTheDocument();
    expect(
      within(workloads).getByText('Job train-support-model'),
    ).toBeInTheDocument();
    expect(
      within(workloads).getByText('4 × nvidia.com/gpu'),
    ).toBeInTheDocument();
    expect(within(workloads).getByText('Running')).toBeInTheDocument();
    expect(within(workloads).getByText('5 min ago')).toBeInTheDocument();
  });

  it('lets the requester cancel their own pending request, and nobody else', async () => {
    let requests = [
      quotaRequest({ id: 'mine', requestedAmount: 12 }),
      quotaRequest({
        id: 'theirs',
        resource: 'nvidia.com/mig-1g.10gb',
        requestedAmount: 16,
        requestedBy: 'user:default/jonas.berg',
      }),
    ];
    const api = mockGpuQuotaApi({
      listRequests: jest.fn(async () => requests),
      cancelRequest: jest.fn(async (id: string) => {
        requests = requests.filter(r => r.id !== id);
        return quotaRequest({ id, status: 'cancelled' });
      }),
    });
    renderCard(api);
    const list = await screen.findByRole('list', {
      name: 'Open requests and increases',
    });
    const buttons = await within(list).findAllByRole('button', {
      name: 'Cancel request',
    });
    expect(buttons).toHaveLength(1);
    await user.click(buttons[0]);
    expect(api.cancelRequest).toHaveBeenCalledWith('mine');
    await waitFor(() =>
      expect(within(list).queryByText(/8 → 12/)).not.toBeInTheDocument(),
    );
    expect(
      within(list).queryByRole('button', { name: 'Cancel request' }),
    ).not.toBeInTheDocument();
  });

  it('shows why a cancel failed', async () => {
    const api = mockGpuQuotaApi({
      listRequests: jest.fn(async () => [quotaRequest({ id: 'mine' })]),
      cancelRequest: jest.fn(async () => {
        throw await responseError(
          409,
          'ConflictError',
          'Request mine is already approved',
        );
      }),
    });
    renderCard(api);
    await user.click(
      await screen.findByRole('button', { name: 'Cancel request' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Request mine is already approved',
    );
  });

  it.each([['group:default/nlp-team'], ['nlp-team']])(
    "shows the quota of a component's owner team %s",
    async owner => {
      const api = mockGpuQuotaApi();
      renderCard(api, component(owner));
      expect(await screen.findByText('8 allocated')).toBeInTheDocument();
      expect(api.getTeamQuota).toHaveBeenCalledWith('nlp-team');
    },
  );

  it('explains that a component owned by a user has no team quota', async () => {
    const api = mockGpuQuotaApi();
    renderCard(api, component('user:default/alex.kim'));
    expect(
      await screen.findByText(/owned by user:default\/alex.kim, not a team/),
    ).toBeInTheDocument();
    expect(api.getTeamQuota).not.toHaveBeenCalled();
  });

  it('is not shown on groups that are not teams', async () => {
    const api = mockGpuQuotaApi();
    renderCard(api, {
      ...teamGroup,
      metadata: { name: 'ml-org' },
      spec: { type: 'organization', children: [] },
    });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(screen.queryByText('GPU quota')).not.toBeInTheDocument();
  });

  it('points a team without a quota to onboarding', async () => {
    const api = mockGpuQuotaApi({
      getTeamQuota: jest.fn(async () => ({
        status: 'no-quota' as const,
        team: 'nlp-team',
        message: 'Namespace nlp-team has no ResourceQuota named gpu-quota',
      })),
    });
    renderCard(api);
    expect(
      await screen.findByText('This team has no GPU quota yet: onboard it'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Namespace nlp-team has no ResourceQuota named gpu-quota',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /onboard the team/i }),
    ).toHaveAttribute('href', '/create');
    expect(
      screen.queryByRole('button', { name: 'Request more GPUs' }),
    ).not.toBeInTheDocument();
  });

  it('says when no cluster is configured', async () => {
    const api = mockGpuQuotaApi({
      getTeamQuota: jest.fn(async () => ({
        status: 'not-configured' as const,
        message: 'Set kubernetes.clusters in app-config.yaml',
      })),
    });
    renderCard(api);
    expect(
      await screen.findByText(
        'No Kubernetes cluster is configured for the portal',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Set kubernetes.clusters in app-config.yaml'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/allocated/)).not.toBeInTheDocument();
  });

  it('shows the server message of a failed load and retries', async () => {
    const failure = await responseError(
      503,
      'ServiceUnavailableError',
      'The Kubernetes API server did not answer within 10 s',
    );
    const api = mockGpuQuotaApi({
      getTeamQuota: jest
        .fn()
        .mockRejectedValueOnce(failure)
        .mockResolvedValue(okTeamAnswer()),
    });
    renderCard(api);
    expect(
      await screen.findByText(
        'The Kubernetes API server did not answer within 10 s',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('8 allocated')).toBeInTheDocument();
    expect(api.getTeamQuota).toHaveBeenCalledTimes(2);
    expect(
      screen.queryByText(
        'The Kubernetes API server did not answer within 10 s',
      ),
    ).not.toBeInTheDocument();
  });

  describe('Request more GPUs', () => {
    async function openDialog(api: GpuQuotaApi) {
      renderCard(api);
      await user.click(
        await screen.findByRole('button', { name: 'Request more GPUs' }),
      );
      return screen.findByRole('dialog');
    }

    it('sends the new total and converts weeks to days, then reloads', async () => {
      const api = mockGpuQuotaApi();
      const dialog = await openDialog(api);
      expect(within(dialog).getByText(/Now 8 allocated/)).toBeInTheDocument();

      await user.selectOptions(
        within(dialog).getByLabelText('Resource'),
        'nvidia.com/gpu',
      );
      await user.type(within(dialog).getByLabelText('New total GPUs'), '12');
      await fill(
        within(dialog).getByLabelText('Justification'),
        'fine-tune the support model before the release',
      );
      const duration = within(dialog).getByLabelText('Duration');
      await user.clear(duration);
      await user.type(duration, '2');
      await user.selectOptions(within(dialog).getByLabelText('Unit'), 'weeks');
      await user.click(
        within(dialog).getByRole('button', { name: 'Submit request' }),
      );

      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(api.createRequest).toHaveBeenCalledWith({
        team: 'nlp-team',
        resource: 'nvidia.com/gpu',
        amount: 12,
        justification: 'fine-tune the support model before the release',
        durationDays: 14,
      });
      await waitFor(() => expect(api.getTeamQuota).toHaveBeenCalledTimes(2));
      expect(api.listRequests).toHaveBeenCalledTimes(2);
    });

    it('asks for the chosen resource and shows its current quota', async () => {
      const api = mockGpuQuotaApi();
      const dialog = await openDialog(api);
      await user.selectOptions(
        within(dialog).getByLabelText('Resource'),
        'nvidia.com/mig-1g.10gb',
      );
      expect(within(dialog).getByText(/Now 2 allocated/)).toBeInTheDocument();
      await user.type(within(dialog).getByLabelText('New total GPUs'), '3');
      await fill(
        within(dialog).getByLabelText('Justification'),
        'evaluate the small models on MIG slices',
      );
      await user.click(
        within(dialog).getByRole('button', { name: 'Submit request' }),
      );
      await waitFor(() =>
        expect(api.createRequest).toHaveBeenCalledWith(
          expect.objectContaining({
            resource: 'nvidia.com/mig-1g.10gb',
            amount: 3,
            durationDays: 7,
          }),
        ),
      );
    });

    it('shows the server message verbatim and keeps what the user typed', async () => {
      const message =
        'durationDays must be at most 90 days; for a lasting change ask the platform team to re-onboard the team';
      const api = mockGpuQuotaApi({
        createRequest: jest
          .fn()
          .mockRejectedValue(await responseError(400, 'InputError', message)),
      });
      const dialog = await openDialog(api);
      await user.type(within(dialog).getByLabelText('New total GPUs'), '16');
      await fill(
        within(dialog).getByLabelText('Justification'),
        'train the long-context model for the search team',
      );
      const duration = within(dialog).getByLabelText('Duration');
      await user.clear(duration);
      await user.type(duration, '12');
      await user.selectOptions(within(dialog).getByLabelText('Unit'), 'weeks');
      await user.click(
        within(dialog).getByRole('button', { name: 'Submit request' }),
      );

      expect(await within(dialog).findByText(message)).toBeInTheDocument();
      expect(api.createRequest).toHaveBeenCalledTimes(1);
      expect(screen.getByRole('dialog')).toBeInTheDocument();
      expect(within(dialog).getByLabelText('New total GPUs')).toHaveValue(16);
      expect(within(dialog).getByLabelText('Justification')).toHaveValue(
        'train the long-context model for the search team',
      );
      expect(within(dialog).getByLabelText('Duration')).toHaveValue(12);
      expect(within(dialog).getByLabelText('Unit')).toHaveValue('weeks');
      expect(
        within(dialog).getByRole('button', { name: 'Submit request' }),
      ).toBeEnabled();
    });

    it('does not send a total that is not above the current quota', async () => {
      const api = mockGpuQuotaApi();
      const dialog = await openDialog(api);
      await user.type(within(dialog).getByLabelText('New total GPUs'), '8');
      await fill(
        within(dialog).getByLabelText('Justification'),
        'fine-tune the support model before the release',
      );
      await user.click(
        within(dialog).getByRole('button', { name: 'Submit request' }),
      );
      expect(
        await within(dialog).findByText(
          /must be more than the 8 GPUs the team has now/,
        ),
      ).toBeInTheDocument();
      expect(api.createRequest).not.toHaveBeenCalled();
    });
  });

  it('keeps a team with no GPU resources from asking for a resource it cannot pick', async () => {
    const api = mockGpuQuotaApi({
      getTeamQuota: jest.fn(async () =>
        okTeamAnswer({ ...nlpTeam, resources: [], workloads: [] }),
      ),
    });
    renderCard(api);
    expect(
      await screen.findByText("The team's quota allows no GPUs of any kind."),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Request more GPUs' }),
    ).toBeDisabled();
  });
});
