export { CreateWorkspaceDialog } from './CreateWorkspaceDialog';
export type { CreateWorkspaceDialogProps } from './types';
