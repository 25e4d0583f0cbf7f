import { screen, waitFor, within } from '@testing-library/react';
import type { WorkspaceState } from '@internal/plugin-coder-common';
import {
  CODER_URL,
  connected,
  mlProject,
  mockCoderApi,
  okWorkspaces,
  REPO,
  responseError,
  userEntity,
  workspace,
} from '../../__testUtils__/fixtures';
import { findRow, renderCard } from '../../__testUtils__/renderCard';
import { user } from '../../__testUtils__/userInput';

jest.setTimeout(20_000);

const never = () => new Promise<never>(() => {});

describe('WorkspacesCard', () => {
  it('shows progress while the connection loads', async () => {
    renderCard(mockCoderApi({ getConnection: jest.fn(never) }));
    expect(await screen.findByText('Coder workspaces')).toBeInTheDocument();
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows progress while the workspaces load, once connected', async () => {
    const api = mockCoderApi({ listWorkspaces: jest.fn(never) });
    renderCard(api);
    expect(await screen.findByText(/Connected as/)).toBeInTheDocument();
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says when Coder is not configured', async () => {
    const api = mockCoderApi({
      getConnection: jest.fn(async () => ({
        status: 'not-configured' as const,
        message: 'Set coder.baseUrl in app-config.yaml',
      })),
    });
    renderCard(api);
    expect(
      await screen.findByText('Coder is not set up for the portal'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Set coder.baseUrl in app-config.yaml'),
    ).toBeInTheDocument();
    expect(api.listWorkspaces).not.toHaveBeenCalled();
    expect(screen.queryByLabelText('Coder session token')).toBeNull();
  });

  it('asks a user who is not connected for a token, and where to get one', async () => {
    const api = mockCoderApi({
      getConnection: jest.fn(async () => ({
        status: 'not-connected' as const,
        coderUrl: CODER_URL,
      })),
    });
    renderCard(api);
    const token = await screen.findByLabelText('Coder session token');
    expect(token).toHaveAttribute('type', 'password');
    expect(
      screen.getByRole('link', { name: /^Account → Tokens/ }),
    ).toHaveAttribute('href', `${CODER_URL}/settings/tokens`);
    expect(screen.getByText('coder tokens create')).toBeInTheDocument();
    expect(screen.queryByText(/no longer accepts/)).not.toBeInTheDocument();
    expect(api.listWorkspaces).not.toHaveBeenCalled();
  });

  it('says when Coder refused the stored token', async () => {
    renderCard(
      mockCoderApi({
        getConnection: jest.fn(async () => ({
          status: 'not-connected' as const,
          coderUrl: CODER_URL,
          rejected: {
            at: '2026-11-20T10:00:00Z',
            message: 'API key expired',
          },
        })),
      }),
    );
    expect(
      await screen.findByText(
        'Coder no longer accepts your token (API key expired): connect again.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Coder session token')).toBeInTheDocument();
  });

  it("lists the project's workspaces by repository and template", async () => {
    const api = mockCoderApi({
      listWorkspaces: jest.fn(async () => okWorkspaces([])),
    });
    renderCard(api);
    expect(
      await screen.findByText('You have no workspaces for this project yet.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Connected as/)).toHaveTextContent(
      'Connected as amira on Coder',
    );
    expect(
      screen.getByRole('button', { name: 'Create workspace' }),
    ).toBeInTheDocument();
    expect(api.listWorkspaces).toHaveBeenCalledWith({
      repoUrl: REPO,
      template: 'gpu-pytorch',
    });
  });

  it('prefers the coder.com/repo-url annotation', async () => {
    const api = mockCoderApi();
    renderCard(
      api,
      mlProject({ 'coder.com/repo-url': 'https://github.com/acme/models' }),
    );
    await findRow('bert-gpu-1');
    expect(api.listWorkspaces).toHaveBeenCalledWith({
      repoUrl: 'https://github.com/acme/models',
      template: 'gpu-pytorch',
    });
  });

  it("lists all of the user's workspaces on a user page, and creates none there", async () => {
    const api = mockCoderApi({
      listWorkspaces: jest.fn(async () => okWorkspaces([])),
    });
    renderCard(api, userEntity);
    expect(
      await screen.findByText('You have no Coder workspaces yet.'),
    ).toBeInTheDocument();
    expect(api.listWorkspaces).toHaveBeenCalledWith({
      repoUrl: undefined,
      template: undefined,
    });
    expect(
      screen.getByText(/To create a workspace, open an ML project/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Create workspace' }),
    ).not.toBeInTheDocument();
  });

  it('explains why a project owned by a person cannot have workspaces created', async () => {
    const entity = mlProject();
    entity.spec = { ...entity.spec, owner: 'user:default/amira.haddad' };
    renderCard(mockCoderApi(), entity);
    expect(
      await screen.findByText(
        /owned by user:default\/amira.haddad, not a team/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Create workspace' }),
    ).not.toBeInTheDocument();
    expect(await findRow('bert-gpu-1')).toBeInTheDocument();
  });

  it('shows each workspace with its status, links and the actions its state allows', async () => {
    const states: [WorkspaceState, string[]][] = [
      ['running', ['Stop', 'Delete']],
      ['stopped', ['Start', 'Delete']],
      ['failed', ['Start', 'Delete']],
      ['canceled', ['Start', 'Delete']],
      ['pending', []],
      ['starting', []],
      ['stopping', []],
      ['canceling', []],
      ['deleting', []],
    ];
    const api = mockCoderApi({
      listWorkspaces: jest.fn(async () =>
        okWorkspaces(
          states.map(([state]) =>
            workspace({
              name: `ws-${state}`,
              state,
              buildError:
                state === 'failed'
                  ? 'terraform apply: no GPU node fits'
                  : undefined,
              gpus: state === 'stopped' ? undefined : 2,
            }),
          ),
        ),
      ),
      getWorkspace: jest.fn(never),
    });
    renderCard(api);
    await findRow('ws-running');
    expect(
      within(screen.getByRole('table', { name: 'Coder workspaces' }))
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Name', 'Template', 'Status', 'Last used', 'GPUs', 'Actions']);

    for (const [state, actions] of states) {
      const row = screen.getByTestId(`workspace-ws-${state}`);
      expect(within(row).getByText(state)).toBeInTheDocument();
      expect(within(row).getByText('GPU PyTorch')).toBeInTheDocument();
      expect(within(row).getByText('5 min ago')).toBeInTheDocument();
      expect(
        within(row)
          .queryAllByRole('button')
          .map(b => b.textContent),
      ).toEqual(actions);
      expect(within(row).getByRole('link', { name: 'Open' })).toHaveAttribute(
        'href',
        `${CODER_URL}/@amira/ws-${state}`,
      );
      expect(
        within(row).getByRole('link', { name: 'VS Code' }),
      ).toHaveAttribute(
        'href',
        `vscode://coder.coder-remote/open?owner=amira&workspace=ws-${state}`,
      );
    }
    const failed = screen.getByTestId('workspace-ws-failed');
    expect(
      within(failed).getByText('terraform apply: no GPU node fits'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('workspace-ws-running')).getByText('2'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('workspace-ws-stopped')).getByText('—'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('workspace-ws-starting')).getByRole(
        'progressbar',
      ),
    ).toBeInTheDocument();
  });

  it('shows the server message of a failed load and retries', async () => {
    const failure = await responseError(
      502,
      'ServiceUnavailableError',
      'Coder at https://coder.example answered 502 Bad Gateway',
    );
    const api = mockCoderApi({
      listWorkspaces: jest
        .fn()
        .mockRejectedValueOnce(failure)
        .mockResolvedValue(okWorkspaces()),
    });
    renderCard(api);
    expect(
      await screen.findByText(
        'Coder at https://coder.example answered 502 Bad Gateway',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await findRow('bert-gpu-1')).toBeInTheDocument();
    expect(api.listWorkspaces).toHaveBeenCalledTimes(2);
    expect(screen.queryByText(/502 Bad Gateway/)).not.toBeInTheDocument();
  });

  it('retries a failed connection check', async () => {
    const api = mockCoderApi({
      getConnection: jest
        .fn()
        .mockRejectedValueOnce(new Error('Failed to fetch'))
        .mockResolvedValue(connected),
    });
    renderCard(api);
    expect(await screen.findByText('Failed to fetch')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await findRow('bert-gpu-1')).toBeInTheDocument();
  });

  it('asks for the token again when the list says the user is no longer connected', async () => {
    const api = mockCoderApi({
      getConnection: jest
        .fn()
        .mockResolvedValueOnce(connected)
        .mockResolvedValue({
          status: 'not-connected',
          coderUrl: CODER_URL,
          rejected: { at: '2026-11-20T10:00:00Z', message: 'token revoked' },
        }),
      listWorkspaces: jest.fn(async () => ({
        status: 'not-connected' as const,
        coderUrl: CODER_URL,
      })),
    });
    renderCard(api);
    expect(
      await screen.findByText(/no longer accepts your token \(token revoked\)/),
    ).toBeInTheDocument();
    expect(api.getConnection).toHaveBeenCalledTimes(2);
  });

  it('disconnects', async () => {
    const api = mockCoderApi();
    renderCard(api);
    await user.click(await screen.findByRole('button', { name: 'Disconnect' }));
    expect(api.disconnect).toHaveBeenCalledTimes(1);
    expect(
      await screen.findByLabelText('Coder session token'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows why a disconnect failed', async () => {
    const api = mockCoderApi({
      disconnect: jest.fn(async () => {
        throw await responseError(500, 'Error', 'database is read-only');
      }),
    });
    renderCard(api);
    await user.click(await screen.findByRole('button', { name: 'Disconnect' }));
    expect(
      await screen.findByText('database is read-only'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Connected as/)).toBeInTheDocument();
  });

  it("shows the user's workspace credits in Coder when Coder has a quota", async () => {
    renderCard(
      mockCoderApi({
        getQuota: jest.fn(async () => ({ creditsConsumed: 20, budget: 50 })),
      }),
    );
    expect(
      await screen.findByText(
        'Workspace credits in Coder: 20 of 50 a day in use',
      ),
    ).toBeInTheDocument();
  });

  it('says Coder has no workspace quota when it has none for the user (no licence)', async () => {
    const api = mockCoderApi();
    renderCard(api);
    expect(
      await screen.findByText('No workspace quota in Coder'),
    ).toBeInTheDocument();
    expect(api.getQuota).toHaveBeenCalled();
    expect(screen.queryByText(/Workspace credits/)).not.toBeInTheDocument();
  });

  it('says nothing of the quota when it cannot be read', async () => {
    const api = mockCoderApi({
      getQuota: jest.fn(async () => {
        throw new Error('Coder did not answer');
      }),
    });
    renderCard(api);
    await screen.findByText(/Connected as/);
    await waitFor(() => expect(api.getQuota).toHaveBeenCalled());
    await new Promise(r => setTimeout(r, 0));
    expect(screen.queryByText(/workspace quota|Workspace credits/)).toBeNull();
  });
});
