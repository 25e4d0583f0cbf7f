import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AddIcon from '@material-ui/icons/Add';
import type { WorkspaceScope } from '../../lib/workspaceScope';

/**
 * Where a new workspace can be made: on a project owned by a team (repository and team filled
 * in). Elsewhere, says why not.
 */
export function CreateAction(props: {
  scope: WorkspaceScope;
  onCreate: () => void;
}) {
  const { scope } = props;
  if (scope.kind === 'user') {
    return (
      <Box mb={1}>
        <Typography variant="caption" color="textSecondary">
          To create a workspace, open an ML project: there its repository and
          team are filled in.
        </Typography>
      </Box>
    );
  }
  if ('problem' in scope.team) {
    return (
      <Box mb={1}>
        <Alert severity="info">{scope.team.problem}</Alert>
      </Box>
    );
  }
  return (
    <Box mb={1}>
      <Button
        color="primary"
        variant="contained"
        startIcon={<AddIcon />}
        onClick={props.onCreate}
      >
        Create workspace
      </Button>
    </Box>
  );
}
