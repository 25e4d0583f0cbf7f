import { useCallback, useEffect, useRef, useState } from 'react';
import type { Job } from '@internal/plugin-jobs-common';
import { isActive } from '../lib/phase';
import { useAutoRefresh } from './useAutoRefresh';

/** How often a list with a pending or running job is asked for again. */
export const REFRESH_MS = 15_000;

export type JobList = {
  /** Undefined while the first answer is awaited, or when it failed. */
  jobs?: Job[];
  /** Why the list could not be loaded. */
  error?: unknown;
  /** Why the last refresh failed: the jobs shown may be out of date. */
  refreshError?: unknown;
  /** Loads the list again from scratch. */
  retry: () => void;
  /** Drops a job from the list shown (it was cancelled). */
  remove: (id: string) => void;
};

type State = Pick<JobList, 'jobs' | 'error' | 'refreshError'>;

/**
 * A list of jobs that stays live: loaded whenever `key` changes, asked for again every 15 s
 * while any of its jobs is Pending or Running and the tab is visible.
 */
export function useJobList(load: () => Promise<Job[]>, key: string): JobList {
  const latestLoad = useRef(load);
  latestLoad.current = load;
  // answers to an older request (another team, or before unmount) are dropped
  const generation = useRef(0);
  const [state, setState] = useState<State>({});

  const fetchJobs = useCallback(async (quiet: boolean) => {
    if (!quiet) {
      generation.current += 1;
      setState({});
    }
    const asked = generation.current;
    try {
      const jobs = await latestLoad.current();
      if (asked === generation.current) {
        setState({ jobs });
      }
    } catch (error) {
      if (asked === generation.current) {
        setState(current =>
          quiet && current.jobs
            ? { jobs: current.jobs, refreshError: error }
            : { error },
        );
      }
    }
  }, []);

  useEffect(() => {
    fetchJobs(false);
    return () => {
      generation.current += 1;
    };
  }, [key, fetchJobs]);

  const active = state.jobs?.some(job => isActive(job.phase)) ?? false;
  useAutoRefresh(active, () => fetchJobs(true), REFRESH_MS);

  const retry = useCallback(() => {
    fetchJobs(false);
  }, [fetchJobs]);
  const remove = useCallback((id: string) => {
    setState(current =>
      current.jobs
        ? { ...current, jobs: current.jobs.filter(job => job.id !== id) }
        : current,
    );
  }, []);

  return { ...state, retry, remove };
}
