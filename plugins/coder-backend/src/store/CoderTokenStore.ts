/** A user's stored Coder connection; the token is sealed (see TokenCipher). */
export type StoredCoderToken = {
  userRef: string;
  coderUserId: string;
  coderUsername: string;
  tokenSealed: string;
  connectedAt: string;
  /** Set when Coder refused the token after it was stored. */
  rejected?: { at: string; message: string };
};

/** Where the users' Coder tokens live. */
export interface CoderTokenStore {
  get(userRef: string): Promise<StoredCoderToken | undefined>;
  /** Stores or replaces the user's token, clearing any earlier rejection. */
  put(token: Omit<StoredCoderToken, 'rejected'>): Promise<void>;
  /** Marks the stored token as refused by Coder; the user is asked to connect again. */
  markRejected(userRef: string, at: string, message: string): Promise<void>;
  delete(userRef: string): Promise<boolean>;
}
