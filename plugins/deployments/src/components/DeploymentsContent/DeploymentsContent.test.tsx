import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { deploymentsApiRef, type DeploymentsApi } from '../../api';
import {
  deployment,
  events,
  LEAD,
  ME,
  MODEL,
  mockDeploymentsApi,
  modelView,
  responseError,
} from '../../__testUtils__/fixtures';
import { ModelDeploymentsView } from './DeploymentsContent';

jest.setTimeout(20_000);
const user = userEvent.setup({ delay: null });

function render(api: DeploymentsApi, me = ME) {
  return renderInTestApp(<ModelDeploymentsView model={MODEL} />, {
    apis: [[deploymentsApiRef, api], mockApis.identity({ userEntityRef: me })],
  });
}

describe('ModelDeploymentsView', () => {
  it('shows each endpoint as the cluster serves it, the lineage and the whole audit trail', async () => {
    const api = mockDeploymentsApi();
    await render(api);
    const staging = await screen.findByTestId('endpoint-staging');
    expect(within(staging).getByText('Ready')).toBeInTheDocument();
    expect(within(staging).getByText('v2')).toBeInTheDocument();
    expect(within(staging).getByText('2 of 2')).toBeInTheDocument();
    expect(
      within(staging).getByRole('link', {
        name: /support-ticket-classifier-staging/,
      }),
    ).toBeInTheDocument();
    expect(
      within(staging).getByRole('button', { name: 'Roll back' }),
    ).toBeInTheDocument();
    const production = screen.getByTestId('endpoint-production');
    expect(within(production).getByText('Not deployed')).toBeInTheDocument();
    expect(
      within(production).queryByRole('button', { name: 'Roll back' }),
    ).not.toBeInTheDocument();

    expect(screen.getByTestId('lineage-dataset')).toHaveTextContent(
      'support-tickets@2026-11',
    );
    expect(screen.getByTestId('lineage-job')).toHaveTextContent(
      'bert-x2k9 · Succeeded · 1.5 GPU-h · 3.75 EUR',
    );
    expect(
      within(screen.getByTestId('lineage-run')).getByRole('link', {
        name: 'bert-run',
      }),
    ).toHaveAttribute(
      'href',
      'http://mlflow.example/#/experiments/3/runs/abcdef1234',
    );
    expect(screen.getByTestId('lineage-version')).toHaveTextContent(
      'v2 · READY',
    );

    const history = screen.getByRole('table', {
      name: `Deployment history of ${MODEL}`,
    });
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(events.length);
    // newest first: the audit trail reversed
    expect(
      within(rows[0])
        .getAllByRole('cell')
        .map(c => c.textContent)
        .slice(1),
    ).toEqual([
      'Staging',
      'v1',
      'Replaced',
      'amira.haddad',
      'replaced by version 2',
    ]);
    expect(within(rows[3]).getAllByRole('cell')[3]).toHaveTextContent(
      'Requested',
    );
  });

  it('deploys a version to production and says it waits for approval', async () => {
    const api = mockDeploymentsApi({
      deploy: jest.fn(async () => ({
        deployment: deployment({
          environment: 'production',
          status: 'pending-approval',
          version: '3',
        }),
      })),
    });
    await render(api);
    await user.click(
      await screen.findByRole('button', { name: 'Deploy to production' }),
    );
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByLabelText('By version number'));
    await user.type(within(dialog).getByLabelText('Version'), '3');
    const replicas = within(dialog).getByLabelText('Replicas');
    await user.clear(replicas);
    await user.type(replicas, '2');
    await user.click(
      within(dialog).getByRole('button', { name: 'Ask for approval' }),
    );
    expect(api.deploy).toHaveBeenCalledWith({
      model: MODEL,
      environment: 'production',
      version: '3',
      replicas: 2,
      gpus: 0,
    });
    expect(
      await screen.findByText(
        /Version 3 waits for approval by a platform keeper or nlp-team's lead/,
      ),
    ).toBeInTheDocument();
  });

  it("keeps the dialog open with the server's refusal", async () => {
    const api = mockDeploymentsApi({
      deploy: jest.fn(async () => {
        throw await responseError(
          400,
          'alias: support-ticket-classifier has no alias "gold"',
        );
      }),
    });
    await render(api);
    await user.click(
      await screen.findByRole('button', { name: 'Deploy to staging' }),
    );
    const dialog = screen.getByRole('dialog');
    const alias = within(dialog).getByLabelText('Alias');
    await user.clear(alias);
    await user.type(alias, 'gold');
    await user.click(within(dialog).getByRole('button', { name: 'Deploy' }));
    expect(
      await within(dialog).findByText(/has no alias "gold"/),
    ).toBeInTheDocument();
  });

  it('lets the lead approve a pending production deploy, but not its requester', async () => {
    const pending = deployment({
      id: '00000000-0000-4000-8000-000000000009',
      environment: 'production',
      status: 'pending-approval',
      version: '2',
    });
    const view = modelView({
      canApprove: true,
      deployments: [pending, ...modelView().deployments],
    });
    const requester = mockDeploymentsApi({
      getModel: jest.fn(async () => view),
    });
    const { unmount } = await render(requester, ME);
    const card = await screen.findByTestId('pending-approvals');
    expect(
      within(card).getByText(/You asked for this deploy/),
    ).toBeInTheDocument();
    expect(
      within(card).queryByRole('button', { name: 'Approve and deploy' }),
    ).not.toBeInTheDocument();
    unmount();

    const lead = mockDeploymentsApi({ getModel: jest.fn(async () => view) });
    await render(lead, LEAD);
    await user.click(
      await screen.findByRole('button', { name: 'Approve and deploy' }),
    );
    await waitFor(() => expect(lead.approve).toHaveBeenCalledWith(pending.id));
    expect(
      await screen.findByText(/Approved: version 2 is deploying to production/),
    ).toBeInTheDocument();
  });

  it('rolls back with one click', async () => {
    const api = mockDeploymentsApi();
    await render(api);
    await user.click(await screen.findByRole('button', { name: 'Roll back' }));
    await waitFor(() =>
      expect(api.rollback).toHaveBeenCalledWith(MODEL, 'staging'),
    );
    expect(
      await screen.findByText('Rolled back: version 1 serves staging again.'),
    ).toBeInTheDocument();
  });

  it('shows the backend refusal with a retry when the model cannot be read', async () => {
    const api = mockDeploymentsApi({
      getModel: jest.fn(async () => {
        throw await responseError(503, 'no MLflow server is configured');
      }),
    });
    await render(api);
    expect(
      await screen.findByText(/no MLflow server is configured/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
