import type { JobRecord } from '@internal/plugin-jobs-common';

/** The portal's records of training jobs. */
export interface JobRecordStore {
  /**
   * Stores each record, or updates the stored one with it; a record that already ended
   * (Succeeded, Failed, Error, Cancelled) is left as it is.
   */
  save(records: JobRecord[]): Promise<void>;
  /** Records of jobs submitted at or after `since`, oldest first. */
  since(since: string): Promise<JobRecord[]>;
  /** The records of these jobs (those it has). */
  byIds(ids: string[]): Promise<JobRecord[]>;
  /** Records that have not ended. */
  open(): Promise<JobRecord[]>;
}
