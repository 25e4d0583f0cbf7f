// Test-only: user input for the component tests.
import userEvent from '@testing-library/user-event';

// No pause between keys keeps the tests quick.
export const user = userEvent.setup({ delay: null });

/** User input that works while jest's fake timers run the clock. */
export function userWithFakeTimers() {
  return userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
}
