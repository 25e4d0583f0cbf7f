import type {
  IdleEvent,
  IdleNotice,
  IdlePolicy,
} from '@internal/plugin-utilization-common';

/** Idle policies, notices and their audit trail. */
export interface IdleStore {
  policies(): Promise<IdlePolicy[]>;
  policy(team: string): Promise<IdlePolicy | undefined>;
  setPolicy(policy: IdlePolicy): Promise<IdlePolicy>;
  /** Removes a team's policy; answers whether it had one. */
  deletePolicy(team: string): Promise<boolean>;
  /** Notices of a team that are not closed (notified or snoozed). */
  openNotices(team: string): Promise<IdleNotice[]>;
  notice(id: string): Promise<IdleNotice | undefined>;
  /** The teams' notices, open ones and those closed since `since`, newest first. */
  notices(teams: string[], since: string): Promise<IdleNotice[]>;
  /**
   * Writes a notice and its audit line in one transaction. With `expectedState`, only if the
   * stored notice is still in that state (two passes or clicks at once: one wins); answers
   * whether it was written.
   */
  saveNotice(
    notice: IdleNotice,
    event: Omit<IdleEvent, 'id'>,
    expectedState?: IdleNotice['state'],
  ): Promise<boolean>;
  events(team: string, limit: number): Promise<IdleEvent[]>;
}
