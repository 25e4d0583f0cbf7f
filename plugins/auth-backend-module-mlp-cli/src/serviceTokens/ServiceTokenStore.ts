/** A service token as stored: its secret only as a hash. */
export type StoredServiceToken = {
  id: string;
  userEntityRef: string;
  name: string;
  secretSha256: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt?: string;
};

/** Service tokens for automation. */
export interface ServiceTokenStore {
  add(token: StoredServiceToken): Promise<void>;
  get(id: string): Promise<StoredServiceToken | undefined>;
  /** All of them, newest first. */
  list(): Promise<StoredServiceToken[]>;
  delete(id: string): Promise<boolean>;
  markUsed(id: string, at: string): Promise<void>;
}
