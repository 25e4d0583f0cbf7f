// Test-only: user input for the component tests.
import userEvent from '@testing-library/user-event';

// Typing without a pause between keys keeps the dialog tests quick.
export const user = userEvent.setup({ delay: null });

/** Pastes into a field: typing a sentence key by key into an auto-sizing textarea is slow. */
export async function fill(field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}
