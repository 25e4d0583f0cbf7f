import type { CreatedWorkspace } from '@internal/plugin-coder-common';

export const CREATE_TITLE_ID = 'coder-create-workspace-title';

export type CreateWorkspaceDialogProps = {
  team: string;
  repoUrl?: string;
  /** The project's `coder.com/template`, preselected when Coder has it. */
  template?: string;
  onClose: () => void;
  onCreated: (created: CreatedWorkspace) => void;
  /** Coder refused the user's token: the card asks them to connect again. */
  onUnauthorized: () => void;
};
