import Chip from '@material-ui/core/Chip';
import CircularProgress from '@material-ui/core/CircularProgress';
import { makeStyles } from '@material-ui/core/styles';
import type { WorkspaceState } from '@internal/plugin-coder-common';
import { isTransitional } from '../../lib/workspaceState';

const useStyles = makeStyles(theme => ({
  running: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  failed: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  building: {},
  idle: {},
}));

function tone(state: WorkspaceState) {
  if (state === 'running') return 'running';
  if (state === 'failed') return 'failed';
  return isTransitional(state) ? 'building' : 'idle';
}

/** A workspace's state; a spinner while a build runs, green when running, red when failed. */
export function WorkspaceStatusChip(props: { state: WorkspaceState }) {
  const classes = useStyles();
  const building = isTransitional(props.state);
  return (
    <Chip
      size="small"
      label={props.state}
      className={classes[tone(props.state)]}
      variant={building ? 'outlined' : 'default'}
      icon={
        building ? (
          <CircularProgress size={12} aria-label={`${props.state}…`} />
        ) : undefined
      }
    />
  );
}
