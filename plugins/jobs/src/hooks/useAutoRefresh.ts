import { useEffect, useRef } from 'react';
import { usePageVisible } from '@internal/plugin-mlp-react';

/**
 * Calls `refresh` every `intervalMs` (counted from the end of the previous refresh) while
 * `enabled`. Pauses while the tab is hidden, refreshes at once when it is shown again, and stops on
 * unmount.
 */
export function useAutoRefresh(
  enabled: boolean,
  refresh: () => Promise<unknown>,
  intervalMs: number,
): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  const visible = usePageVisible();
  const missed = useRef(false);

  useEffect(() => {
    if (!enabled) {
      return undefined;
    }
    if (!visible) {
      missed.current = true;
      return undefined;
    }
    const first = missed.current ? 0 : intervalMs;
    missed.current = false;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await latest.current().catch(() => undefined);
      if (!cancelled) {
        timer = setTimeout(tick, intervalMs);
      }
    };
    timer = setTimeout(tick, first);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [enabled, visible, intervalMs]);
}
