import type {
  QuotaEvent,
  QuotaEventAction,
  QuotaRequest,
  QuotaRequestStatus,
} from '@internal/plugin-gpu-quota-common';

/** The fields of a request that change after it is made. */
type ChangingField =
  | 'status'
  | 'previousAmount'
  | 'decidedBy'
  | 'decisionComment'
  | 'decidedAt'
  | 'expiresAt'
  | 'expiryDeferredReason';

export type NewQuotaRequest = Omit<
  QuotaRequest,
  'id' | 'createdAt' | 'updatedAt' | ChangingField
>;

export type NewQuotaEvent = {
  action: QuotaEventAction;
  actor: string;
  comment?: string;
  details: Record<string, string | number>;
};

/** What a finished change writes: the request's new fields, and the audit line that says why. */
export type RequestChange = {
  fields: Partial<Pick<QuotaRequest, ChangingField>>;
  event: NewQuotaEvent;
};

/**
 * Requests and their audit trail. Changes that touch the cluster take a lock on the request
 * first, so two keepers (or a keeper and the expiry task) never change the same quota twice.
 */
export interface QuotaRequestStore {
  create(request: NewQuotaRequest, event: NewQuotaEvent): Promise<QuotaRequest>;
  get(id: string): Promise<QuotaRequest | undefined>;
  list(filter: {
    team?: string;
    status?: QuotaRequestStatus;
  }): Promise<QuotaRequest[]>;
  /** Approved requests whose expiry is due at `now`. */
  listDueExpiries(now: Date): Promise<QuotaRequest[]>;
  /**
   * Takes the request's lock if it is in `status` and nobody holds the lock (or it is older than
   * the stale bound). Answers the token to release or finish with, or undefined.
   */
  lock(id: string, status: QuotaRequestStatus): Promise<string | undefined>;
  /** Releases a lock without changing the request, e.g. when the cluster refused the change. */
  unlock(id: string, token: string): Promise<void>;
  /**
   * Writes the change and its audit line in one transaction, releasing the lock when a token is
   * given. Without a token the change applies only while the request is still in `from`.
   */
  change(
    id: string,
    change: RequestChange,
    guard: { token: string } | { from: QuotaRequestStatus },
  ): Promise<QuotaRequest | undefined>;
  /** Adds an audit line without changing the request. */
  addEvent(id: string, event: NewQuotaEvent): Promise<void>;
  events(filter: { team?: string; requestId?: string }): Promise<QuotaEvent[]>;
}
