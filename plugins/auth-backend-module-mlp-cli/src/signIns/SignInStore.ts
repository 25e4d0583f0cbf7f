import type { SignInRecord } from '@internal/plugin-cli-access-common';

/** Each user's first and last sign-in. */
export interface SignInStore {
  /** Counts a sign-in of the user at `at`: the first one sets firstAt, every one lastAt. */
  record(userEntityRef: string, at: string): Promise<void>;
  list(): Promise<SignInRecord[]>;
}
