import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { CliSession } from '@internal/plugin-cli-access-common';
import { cliAccessApiRef } from '../../api';
import { CliAccessPage } from './CliAccessPage';

jest.setTimeout(20_000);

const AMIRA = 'user:default/amira.haddad';
const session = (over: Partial<CliSession>): CliSession => ({
  id: 's1',
  userEntityRef: AMIRA,
  client: 'mlp, the ML Platform command line',
  host: 'amira-laptop',
  createdAt: '2026-12-01T08:00:00.000Z',
  lastUsedAt: '2026-12-03T08:00:00.000Z',
  expiresAt: '2027-01-02T08:00:00.000Z',
  ...over,
});

function render(api: Record<string, jest.Mock>, me = AMIRA) {
  return renderInTestApp(<CliAccessPage />, {
    apis: [
      [cliAccessApiRef, api],
      mockApis.identity({ userEntityRef: me }),
    ] as any,
  });
}

describe('CliAccessPage', () => {
  it('lists the user’s logins and revokes one after asking', async () => {
    let sessions = [session({})];
    const api = {
      listSessions: jest.fn(async () => ({ sessions, mayManageAll: false })),
      revokeSession: jest.fn(async (id: string) => {
        const gone = sessions.find(s => s.id === id)!;
        sessions = [];
        return gone;
      }),
    };
    render(api);
    const row = await screen.findByTestId('cli-session-s1');
    expect(within(row).getByText('amira-laptop')).toBeInTheDocument();
    expect(
      within(row).getByText('mlp, the ML Platform command line'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Everyone's/)).not.toBeInTheDocument();

    await userEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Revoke mlp on amira-laptop?',
    });
    expect(dialog).toHaveTextContent(/Log in again there with mlp login/);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke' }),
    );
    expect(api.revokeSession).toHaveBeenCalledWith('s1');
    expect(
      await screen.findByText(
        'Revoked mlp on amira-laptop: it stops working at once.',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/You have no command-line login\. Run mlp login/),
    ).toBeInTheDocument();
  });

  it('does nothing when the revoke is cancelled', async () => {
    const api = {
      listSessions: jest.fn(async () => ({
        sessions: [session({})],
        mayManageAll: false,
      })),
      revokeSession: jest.fn(),
    };
    render(api);
    const row = await screen.findByTestId('cli-session-s1');
    await userEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Cancel',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.revokeSession).not.toHaveBeenCalled();
  });

  it("lets a keeper switch to everyone's logins, with their users", async () => {
    const api = {
      listSessions: jest.fn(async (options?: { all?: boolean }) => ({
        mayManageAll: true,
        sessions: options?.all
          ? [
              session({}),
              session({
                id: 's2',
                userEntityRef: 'user:default/jonas.berg',
                host: undefined,
              }),
            ]
          : [],
      })),
      revokeSession: jest.fn(),
      listServiceTokens: jest.fn(async () => []),
    };
    render(api, 'user:default/morgan.lee');
    expect(
      await screen.findByText(/You have no command-line login/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('checkbox', { name: "Everyone's (platform keepers)" }),
    );
    const row = await screen.findByTestId('cli-session-s2');
    expect(within(row).getByText('jonas.berg')).toBeInTheDocument();
    expect(api.listSessions).toHaveBeenLastCalledWith({ all: true });
    expect(
      screen.getByText('Service tokens for automation'),
    ).toBeInTheDocument();
    await userEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByRole('dialog')).toHaveTextContent(
      /stops working at once for jonas\.berg/,
    );
  });

  it('shows why the list cannot load, with a retry', async () => {
    const api = {
      listSessions: jest.fn(async () => {
        throw new Error('The auth backend is down');
      }),
      revokeSession: jest.fn(),
    };
    render(api);
    expect(
      await screen.findByText(/The auth backend is down/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /retry/i })).toBeInTheDocument();
  });
});
