// Test-only: the tab's visibility and jest's fake clock.
import { act } from '@testing-library/react';

/** Shows or hides the tab, as the browser does when the user switches tabs. */
export function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/** Lets the fake clock run `ms` and the promises it settles resolve. */
export async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}
