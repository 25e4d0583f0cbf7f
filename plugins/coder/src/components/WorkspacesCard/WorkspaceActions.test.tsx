import { screen, waitFor, within } from '@testing-library/react';
import type { WorkspaceState } from '@internal/plugin-coder-common';
import {
  CODER_URL,
  mockCoderApi,
  okWorkspaces,
  responseError,
  workspace,
} from '../../__testUtils__/fixtures';
import { findRow, renderCard } from '../../__testUtils__/renderCard';
import { user } from '../../__testUtils__/userInput';

jest.setTimeout(20_000);

const never = () => new Promise<never>(() => {});

/** A card listing one workspace in `state`; polls never answer, so only actions change it. */
function setup(state: WorkspaceState, after: WorkspaceState) {
  const api = mockCoderApi({
    listWorkspaces: jest.fn(async () => okWorkspaces([workspace({ state })])),
    buildWorkspace: jest.fn(async (id: string) =>
      workspace({ id, state: after }),
    ),
    getWorkspace: jest.fn(never),
  });
  renderCard(api);
  return api;
}

describe('workspace actions', () => {
  it.each([
    [
      'Start',
      'start',
      'stopped',
      'starting',
      /takes its 2 GPU\(s\) again while it runs/,
    ],
    ['Stop', 'stop', 'running', 'stopping', /Its disk is kept/],
    [
      'Delete',
      'delete',
      'failed',
      'deleting',
      /its disk are deleted: everything on it that is not pushed to Git is lost/,
    ],
  ] as const)(
    '%s asks first, then builds with transition %s',
    async (button, transition, before, after, warning) => {
      const api = setup(before, after);
      const row = await findRow('bert-gpu-1');
      await user.click(within(row).getByRole('button', { name: button }));

      const dialog = await screen.findByRole('dialog', {
        name: `${button} workspace bert-gpu-1?`,
      });
      expect(within(dialog).getByText(warning)).toBeInTheDocument();
      expect(api.buildWorkspace).not.toHaveBeenCalled();
      await user.click(
        within(dialog).getByRole('button', { name: `${button} bert-gpu-1` }),
      );

      // A start names the project's team, whose quota and budget it is checked against.
      expect(api.buildWorkspace).toHaveBeenCalledWith(
        'id-bert-gpu-1',
        transition,
        'nlp-team',
      );
      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(await within(row).findByText(after)).toBeInTheDocument();
      expect(within(row).queryAllByRole('button')).toEqual([]);
    },
  );

  it('does nothing when the confirmation is cancelled', async () => {
    const api = setup('running', 'stopping');
    const row = await findRow('bert-gpu-1');
    await user.click(within(row).getByRole('button', { name: 'Delete' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Cancel',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.buildWorkspace).not.toHaveBeenCalled();
    expect(within(row).getByText('running')).toBeInTheDocument();
  });

  it("shows the server's reason next to the row and keeps the buttons", async () => {
    const refusal = await responseError(
      409,
      'ConflictError',
      'nlp-team has 0 of 8 nvidia.com/gpu available; bert-gpu-1 needs 2',
    );
    const api = setup('stopped', 'starting');
    api.buildWorkspace.mockRejectedValue(refusal);
    const row = await findRow('bert-gpu-1');
    await user.click(within(row).getByRole('button', { name: 'Start' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Start bert-gpu-1',
      }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not start bert-gpu-1: nlp-team has 0 of 8 nvidia.com/gpu available; bert-gpu-1 needs 2',
    );
    expect(within(row).getByText('stopped')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Start' })).toBeEnabled();

    await user.click(within(alert).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('asks to connect again when Coder refuses the token on an action', async () => {
    const refusal = await responseError(
      401,
      'AuthenticationError',
      'Coder refused the token',
    );
    const api = setup('running', 'stopping');
    api.buildWorkspace.mockRejectedValue(refusal);
    // the card asked once on mount; when it asks again, the stored token is refused
    api.getConnection.mockResolvedValue({
      status: 'not-connected',
      coderUrl: CODER_URL,
      rejected: { at: '2026-11-20T10:00:00Z', message: 'API key expired' },
    });
    const row = await findRow('bert-gpu-1');
    await user.click(within(row).getByRole('button', { name: 'Stop' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Stop bert-gpu-1',
      }),
    );
    expect(
      await screen.findByText(
        /no longer accepts your token \(API key expired\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Coder session token')).toBeInTheDocument();
  });
});
