import type { WorkspaceUse } from '@internal/plugin-coder-common';

/** The portal's record of the workspaces it created or started (append-only). */
export interface WorkspaceUseStore {
  record(use: WorkspaceUse): Promise<void>;
  /** Uses at or after `since`, oldest first. */
  since(since: string): Promise<WorkspaceUse[]>;
}
