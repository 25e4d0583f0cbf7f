/** A command-line login as the auth database keeps it. */
export type StoredCliSession = {
  id: string;
  userEntityRef: string;
  oidcClientId?: string;
  host?: string;
  createdAt: Date;
  lastUsedAt: Date;
};

/** The auth backend's offline sessions, read and revoked, with the host mlp reported. */
export interface CliSessionStore {
  /** The user's sessions, or everyone's without a user; newest first. */
  list(userEntityRef?: string): Promise<StoredCliSession[]>;
  get(id: string): Promise<StoredCliSession | undefined>;
  /** Ends the session: its refresh token stops working. False when there was none. */
  revoke(id: string): Promise<boolean>;
  setHost(id: string, host: string): Promise<void>;
}
