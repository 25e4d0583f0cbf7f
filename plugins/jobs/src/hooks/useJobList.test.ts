import { renderHook } from '@testing-library/react';
import type { Job } from '@internal/plugin-jobs-common';
import { advance, setVisibility } from '../__testUtils__/clock';
import { job } from '../__testUtils__/fixtures';
import { useJobList } from './useJobList';

const REFRESH_MS = 15_000;

const running = job({ id: 'a', phase: 'Running' });
const succeeded = job({ id: 'a', phase: 'Succeeded' });
const failed = job({ id: 'b', phase: 'Failed' });

describe('useJobList', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    setVisibility('visible');
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('refreshes every 15 s while a job is running, and stops once none is', async () => {
    const load = jest.fn(async (): Promise<Job[]> => [running, failed]);
    const { result } = renderHook(() => useJobList(load, 'nlp-team'));
    await advance(0);
    expect(result.current.jobs).toEqual([running, failed]);
    expect(load).toHaveBeenCalledTimes(1);

    await advance(REFRESH_MS - 1);
    expect(load).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(load).toHaveBeenCalledTimes(2);
    await advance(REFRESH_MS);
    expect(load).toHaveBeenCalledTimes(3);

    load.mockResolvedValue([succeeded, failed]);
    await advance(REFRESH_MS);
    expect(load).toHaveBeenCalledTimes(4);
    expect(result.current.jobs?.[0].phase).toBe('Succeeded');
    await advance(10 * REFRESH_MS);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('never refreshes a list of finished jobs', async () => {
    const load = jest.fn(async (): Promise<Job[]> => [succeeded, failed]);
    renderHook(() => useJobList(load, 'nlp-team'));
    await advance(10 * REFRESH_MS);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('pauses while the tab is hidden and refreshes at once when it is shown', async () => {
    const load = jest.fn(async (): Promise<Job[]> => [running]);
    renderHook(() => useJobList(load, 'nlp-team'));
    await advance(0);
    await advance(REFRESH_MS);
    expect(load).toHaveBeenCalledTimes(2);

    setVisibility('hidden');
    await advance(10 * REFRESH_MS);
    expect(load).toHaveBeenCalledTimes(2);

    setVisibility('visible');
    await advance(0);
    expect(load).toHaveBeenCalledTimes(3);
    await advance(REFRESH_MS);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('stops on unmount', async () => {
    const load = jest.fn(async (): Promise<Job[]> => [running]);
    const { unmount } = renderHook(() => useJobList(load, 'nlp-team'));
    await advance(0);
    unmount();
    await advance(10 * REFRESH_MS);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps the list when a refresh fails, and says so', async () => {
    const load = jest.fn(async (): Promise<Job[]> => [running]);
    const { result } = renderHook(() => useJobList(load, 'nlp-team'));
    await advance(0);
    const down = new Error('cluster unreachable');
    load.mockRejectedValueOnce(down);
    await advance(REFRESH_MS);
    expect(result.current.jobs).toEqual([running]);
    expect(result.current.refreshError).toBe(down);
    expect(result.current.error).toBeUndefined();
    await advance(REFRESH_MS);
    expect(result.current.refreshError).toBeUndefined();
  });

  it('loads again for another key, dropping the older answer', async () => {
    let answer: (jobs: Job[]) => void = () => {};
    const load = jest
      .fn<Promise<Job[]>, []>()
      .mockImplementationOnce(() => new Promise(resolve => (answer = resolve)))
      .mockResolvedValue([failed]);
    const { result, rerender } = renderHook(
      ({ key }) => useJobList(load, key),
      { initialProps: { key: 'nlp-team' } },
    );
    rerender({ key: 'vision-team' });
    await advance(0);
    answer([running]);
    await advance(0);
    expect(result.current.jobs).toEqual([failed]);
  });
});
