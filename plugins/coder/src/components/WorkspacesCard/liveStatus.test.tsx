import { act, screen, within } from '@testing-library/react';
import type { CoderWorkspace } from '@internal/plugin-coder-common';
import {
  mockCoderApi,
  okWorkspaces,
  workspace,
} from '../../__testUtils__/fixtures';
import { findRow, renderCard } from '../../__testUtils__/renderCard';
import { userWithFakeTimers } from '../../__testUtils__/userInput';

jest.setTimeout(20_000);

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

/** Coder's answers to the polls of one workspace, one per poll, the last one repeated. */
function answers(...list: CoderWorkspace[]) {
  return jest.fn(async (_id: string) =>
    list.length > 1 ? list.shift()! : list[0],
  );
}

describe('live status', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    setVisibility('visible');
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('follows a starting workspace until it runs', async () => {
    const getWorkspace = answers(
      workspace({ state: 'starting' }),
      workspace({ state: 'running' }),
    );
    const api = mockCoderApi({
      listWorkspaces: jest.fn(async () =>
        okWorkspaces([
          workspace({ state: 'starting' }),
          workspace({ id: 'other', name: 'other', state: 'stopped' }),
        ]),
      ),
      getWorkspace,
    });
    renderCard(api);
    const row = await findRow('bert-gpu-1');
    expect(within(row).getByText('starting')).toBeInTheDocument();

    await advance(1000 + 2000);
    expect(await within(row).findByText('running')).toBeInTheDocument();
    expect(
      within(row).getByRole('button', { name: 'Stop' }),
    ).toBeInTheDocument();
    expect(getWorkspace.mock.calls.map(([id]) => id)).toEqual([
      'id-bert-gpu-1',
      'id-bert-gpu-1',
    ]);
    await advance(60_000);
    expect(getWorkspace).toHaveBeenCalledTimes(2);
  });

  it('follows a stop the user started, and removes a deleted workspace', async () => {
    const user = userWithFakeTimers();
    const getWorkspace = answers(workspace({ state: 'stopped' }));
    const api = mockCoderApi({
      getWorkspace,
      buildWorkspace: jest.fn(async (_id: string, transition: string) =>
        workspace({ state: transition === 'stop' ? 'stopping' : 'deleting' }),
      ),
    });
    renderCard(api);
    const row = await findRow('bert-gpu-1');
    await user.click(within(row).getByRole('button', { name: 'Stop' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Stop bert-gpu-1',
      }),
    );
    expect(await within(row).findByText('stopping')).toBeInTheDocument();
    await advance(1000);
    expect(await within(row).findByText('stopped')).toBeInTheDocument();

    getWorkspace.mockResolvedValue(workspace({ state: 'deleted' }));
    await user.click(within(row).getByRole('button', { name: 'Delete' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Delete bert-gpu-1',
      }),
    );
    await advance(1000);
    expect(
      await screen.findByText('You have no workspaces for this project yet.'),
    ).toBeInTheDocument();
  });

  it('stops polling while the tab is hidden and resumes when shown', async () => {
    const getWorkspace = answers(workspace({ state: 'stopping' }));
    const api = mockCoderApi({
      listWorkspaces: jest.fn(async () =>
        okWorkspaces([workspace({ state: 'stopping' })]),
      ),
      getWorkspace,
    });
    renderCard(api);
    await findRow('bert-gpu-1');
    setVisibility('hidden');
    const calls = getWorkspace.mock.calls.length;
    await advance(120_000);
    expect(getWorkspace).toHaveBeenCalledTimes(calls);

    getWorkspace.mockResolvedValue(workspace({ state: 'stopped' }));
    setVisibility('visible');
    await advance(1000);
    expect(getWorkspace).toHaveBeenCalledTimes(calls + 1);
    expect(
      within(await findRow('bert-gpu-1')).getByText('stopped'),
    ).toBeInTheDocument();
  });

  it('says when a status could not be refreshed', async () => {
    const api = mockCoderApi({
      listWorkspaces: jest.fn(async () =>
        okWorkspaces([workspace({ state: 'starting' })]),
      ),
      getWorkspace: jest.fn(async () => {
        throw new Error('Coder did not answer within 10 s');
      }),
    });
    renderCard(api);
    await findRow('bert-gpu-1');
    await advance(1000);
    expect(
      await screen.findByText(
        'Could not refresh the status: Coder did not answer within 10 s',
      ),
    ).toBeInTheDocument();
  });
});
