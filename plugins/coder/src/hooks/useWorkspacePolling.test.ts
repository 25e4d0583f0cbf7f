import { act, renderHook } from '@testing-library/react';
import { useState } from 'react';
import type { CoderWorkspace } from '@internal/plugin-coder-common';
import { responseError, workspace } from '../__testUtils__/fixtures';
import { useWorkspacePolling } from './useWorkspacePolling';

/** The hook as the card uses it: over a list it keeps in state. */
function useLiveList(
  initial: CoderWorkspace[],
  fetchWorkspace: (id: string) => Promise<CoderWorkspace>,
) {
  const [workspaces, setWorkspaces] = useState(initial);
  const { failures } = useWorkspacePolling({
    workspaces,
    fetchWorkspace,
    onUpdate: w =>
      setWorkspaces(list => list.map(x => (x.id === w.id ? w : x))),
    onGone: id => setWorkspaces(list => list.filter(x => x.id !== id)),
  });
  return { workspaces, failures };
}

/** Lets the clock run `ms` and the promises it settles resolve. */
async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

const starting = workspace({ id: 'a', state: 'starting' });
const running = workspace({ id: 'a', state: 'running' });
const stopped = workspace({ id: 'b', name: 'other', state: 'stopped' });

describe('useWorkspacePolling', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    setVisibility('visible');
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('polls only transitional workspaces, backing off until a change', async () => {
    const fetch = jest.fn(async (_id: string) => starting);
    const { result } = renderHook(() =>
      useLiveList([starting, stopped], fetch),
    );

    await advance(999);
    expect(fetch).not.toHaveBeenCalled();
    await advance(1);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenLastCalledWith('a');
    // no change: next after 2 s, then 4 s
    await advance(1999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    await advance(3999);
    expect(fetch).toHaveBeenCalledTimes(2);
    await advance(1);
    expect(fetch).toHaveBeenCalledTimes(3);

    fetch.mockResolvedValue(running);
    await advance(8000);
    expect(fetch).toHaveBeenCalledTimes(4);
    expect(result.current.workspaces.map(w => w.state)).toEqual([
      'running',
      'stopped',
    ]);
    // nothing is building any more: no more polls
    await advance(60_000);
    expect(fetch).toHaveBeenCalledTimes(4);
  });

  it('never waits more than 15 s and starts over after a change', async () => {
    const fetch = jest.fn(async (_id: string) => starting);
    renderHook(() =>
      useLiveList([workspace({ id: 'a', state: 'pending' })], fetch),
    );
    // 1 + 2 + 4 + 8 + 15 + 15 s: the first answer is a change (pending → starting)
    await advance(1000);
    expect(fetch).toHaveBeenCalledTimes(1);
    await advance(1000);
    expect(fetch).toHaveBeenCalledTimes(2);
    await advance(2000 + 4000 + 8000 + 15_000);
    expect(fetch).toHaveBeenCalledTimes(6);
    await advance(14_999);
    expect(fetch).toHaveBeenCalledTimes(6);
    await advance(1);
    expect(fetch).toHaveBeenCalledTimes(7);
  });

  it('pauses while the tab is hidden and resumes when it is shown', async () => {
    const fetch = jest.fn(async (_id: string) => starting);
    renderHook(() => useLiveList([starting], fetch));
    await advance(1000);
    expect(fetch).toHaveBeenCalledTimes(1);

    setVisibility('hidden');
    await advance(120_000);
    expect(fetch).toHaveBeenCalledTimes(1);

    setVisibility('visible');
    await advance(1000);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('does not start while hidden', async () => {
    setVisibility('hidden');
    const fetch = jest.fn(async (_id: string) => starting);
    renderHook(() => useLiveList([starting], fetch));
    await advance(60_000);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('stops when unmounted', async () => {
    const fetch = jest.fn(async (_id: string) => starting);
    const { unmount } = renderHook(() => useLiveList([starting], fetch));
    await advance(1000);
    expect(fetch).toHaveBeenCalledTimes(1);
    unmount();
    await advance(120_000);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('drops a deleted workspace and reports other failures', async () => {
    const gone = await responseError(404, 'NotFoundError', 'no workspace d');
    const down = await responseError(503, 'ServiceUnavailableError', 'down');
    const fetch = jest.fn(async (id: string): Promise<CoderWorkspace> => {
      throw id === 'd' ? gone : down;
    });
    const { result } = renderHook(() =>
      useLiveList(
        [
          workspace({ id: 'd', name: 'd', state: 'deleting' }),
          workspace({ id: 's', name: 's', state: 'stopping' }),
        ],
        fetch,
      ),
    );
    await advance(1000);
    expect(result.current.workspaces.map(w => w.id)).toEqual(['s']);
    expect(result.current.failures).toEqual({ s: down });

    fetch.mockResolvedValue(workspace({ id: 's', state: 'stopped' }));
    await advance(1000);
    expect(result.current.failures).toEqual({});
    expect(result.current.workspaces[0].state).toBe('stopped');
  });
});
