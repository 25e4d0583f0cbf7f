import type { WorkspaceUse } from '@internal/plugin-coder-common';
import type { Knex } from 'knex';
import type { WorkspaceUseStore } from './WorkspaceUseStore';

const TABLE = 'coder_workspace_uses';

type Row = {
  workspace_id: string;
  workspace_name: string;
  user_ref: string;
  team: string | null;
  gpus: number;
  action: string;
  at: string;
};

/**
 * WorkspaceUseStore on the plugin's database; its table comes with the plugin's migrations
 * (DatabaseCoderTokenStore runs them).
 */
export class DatabaseWorkspaceUseStore implements WorkspaceUseStore {
  constructor(private readonly db: Knex) {}

  async record(use: WorkspaceUse): Promise<void> {
    await this.db<Row>(TABLE).insert({
      workspace_id: use.workspaceId,
      workspace_name: use.workspaceName,
      user_ref: use.userEntityRef,
      team: use.team ?? null,
      gpus: use.gpus,
      action: use.action,
      at: new Date(use.at).toISOString(),
    });
  }

  async since(since: string): Promise<WorkspaceUse[]> {
    const rows = await this.db<Row>(TABLE)
      .where('at', '>=', new Date(since).toISOString())
      .orderBy('at')
      .orderBy('id');
    return rows.map(row => ({
      workspaceId: row.workspace_id,
      workspaceName: row.workspace_name,
      userEntityRef: row.user_ref,
      ...(row.team ? { team: row.team } : {}),
      gpus: Number(row.gpus),
      action: row.action as WorkspaceUse['action'],
      at: row.at,
    }));
  }
}
