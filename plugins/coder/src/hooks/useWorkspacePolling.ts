import { useEffect, useRef, useState } from 'react';
import type { CoderWorkspace } from '@internal/plugin-coder-common';
import { nextAttempt, pollDelay } from '../lib/backoff';
import { isNotFound } from '../lib/errors';
import { isTransitional, workspaceChanged } from '../lib/workspaceState';
import { usePageVisible } from '@internal/plugin-mlp-react';

export type WorkspacePollingOptions = {
  /** The workspaces shown; those in a transitional state are polled. */
  workspaces: CoderWorkspace[];
  fetchWorkspace: (id: string) => Promise<CoderWorkspace>;
  /** A polled workspace as Coder has it now. */
  onUpdate: (workspace: CoderWorkspace) => void;
  /** A polled workspace Coder no longer has (its delete build finished). */
  onGone: (id: string) => void;
};

/**
 * Keeps the status of building workspaces live: while any is in a transitional state, asks for
 * those with back-off (1 s, 2 s, 4 s … 15 s, from the start again after a change). Pauses while
 * the tab is hidden and stops on unmount. Answers the polls that failed, by workspace id, so the
 * card can say the status shown may be old.
 */
export function useWorkspacePolling(options: WorkspacePollingOptions): {
  failures: Record<string, unknown>;
} {
  const latest = useRef(options);
  latest.current = options;
  const visible = usePageVisible();
  const [failures, setFailures] = useState<Record<string, unknown>>({});

  const pendingKey = options.workspaces
    .filter(w => isTransitional(w.state))
    .map(w => w.id)
    .sort()
    .join('\n');

  useEffect(() => {
    if (!visible || pendingKey === '') {
      return undefined;
    }
    const ids = pendingKey.split('\n');
    let cancelled = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const poll = async () => {
      const results = await Promise.allSettled(
        ids.map(id => latest.current.fetchWorkspace(id)),
      );
      if (cancelled) {
        return;
      }
      let changed = false;
      const failed: Record<string, unknown> = {};
      results.forEach((result, i) => {
        const id = ids[i];
        if (result.status === 'fulfilled') {
          const before = latest.current.workspaces.find(w => w.id === id);
          changed ||= !before || workspaceChanged(before, result.value);
          latest.current.onUpdate(result.value);
        } else if (isNotFound(result.reason)) {
          changed = true;
          latest.current.onGone(id);
        } else {
          failed[id] = result.reason;
        }
      });
      setFailures(current => {
        if (
          Object.keys(failed).length === 0 &&
          !ids.some(id => id in current)
        ) {
          return current;
        }
        const next = { ...current };
        ids.forEach(id => delete next[id]);
        return { ...next, ...failed };
      });
      attempt = nextAttempt(attempt, changed);
      timer = setTimeout(poll, pollDelay(attempt));
    };

    timer = setTimeout(poll, pollDelay(attempt));
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [pendingKey, visible]);

  return { failures };
}
