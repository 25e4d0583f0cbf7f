import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import type {
  CoderWorkspace,
  WorkspaceTransition,
} from '@internal/plugin-coder-common';

const TITLE_ID = 'coder-confirm-transition-title';

export const TRANSITION_VERBS: Record<WorkspaceTransition, string> = {
  start: 'Start',
  stop: 'Stop',
  delete: 'Delete',
};

function consequence(
  workspace: CoderWorkspace,
  transition: WorkspaceTransition,
) {
  const gpus = workspace.gpus ? `${workspace.gpus} GPU(s)` : 'resources';
  switch (transition) {
    case 'start':
      return `It takes its ${gpus} again while it runs; they count against the team's quota and budget.`;
    case 'stop':
      return `Whatever runs in it stops and its ${gpus} are released. Its disk is kept: start it again to carry on.`;
    default:
      return 'The workspace and its disk are deleted: everything on it that is not pushed to Git is lost. This cannot be undone.';
  }
}

/** Asks before a start, stop or delete build, saying what it does to the workspace. */
export function ConfirmTransitionDialog(props: {
  workspace: CoderWorkspace;
  transition: WorkspaceTransition;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { workspace, transition, onConfirm, onCancel } = props;
  const verb = TRANSITION_VERBS[transition];
  return (
    <Dialog open onClose={onCancel} aria-labelledby={TITLE_ID}>
      <DialogTitle id={TITLE_ID}>
        {verb} workspace {workspace.name}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {consequence(workspace, transition)}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          onClick={onConfirm}
          color={transition === 'delete' ? 'secondary' : 'primary'}
          variant="contained"
        >
          {verb} {workspace.name}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
