import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  CoderConnection,
  CoderQuota,
  CoderTemplateSummary,
  CoderWorkspace,
  CreatedWorkspace,
  CreateWorkspaceRequest,
  WorkspacesAnswer,
  WorkspaceTransition,
} from '@internal/plugin-coder-common';

/** Which of the user's workspaces to list; both optional. */
export type WorkspacesFilter = { repoUrl?: string; template?: string };

/**
 * The portal's Coder backend (/api/coder); the browser never talks to Coder itself. Failed calls
 * throw a ResponseError carrying the backend's message.
 */
export interface CoderApi {
  getConnection(): Promise<CoderConnection>;
  /** Stores the user's Coder session token; a 400 when Coder refuses it. */
  connect(token: string): Promise<CoderConnection>;
  disconnect(): Promise<void>;
  listTemplates(): Promise<CoderTemplateSummary[]>;
  /** The user's workspace credits in Coder; undefined when Coder has no quota for them. */
  getQuota(): Promise<CoderQuota | undefined>;
  listWorkspaces(filter?: WorkspacesFilter): Promise<WorkspacesAnswer>;
  getWorkspace(id: string): Promise<CoderWorkspace>;
  createWorkspace(request: CreateWorkspaceRequest): Promise<CreatedWorkspace>;
  /**
   * Starts a start, stop or delete build; answers the workspace as it is then. A start names the
   * team whose GPU quota and budget it is checked against, when the page knows it.
   */
  buildWorkspace(
    id: string,
    transition: WorkspaceTransition,
    team?: string,
  ): Promise<CoderWorkspace>;
}

export const coderApiRef = createApiRef<CoderApi>({ id: 'plugin.coder' });
