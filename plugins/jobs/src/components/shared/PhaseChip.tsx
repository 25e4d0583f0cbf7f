import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { JobPhase } from '@internal/plugin-jobs-common';

const useStyles = makeStyles(theme => ({
  Pending: {},
  Running: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  Succeeded: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  Failed: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  Error: {
    backgroundColor: theme.palette.error.dark,
    color: theme.palette.error.contrastText,
  },
}));

/** A job's phase: outlined while pending, blue running, green succeeded, red failed or errored. */
export function PhaseChip(props: { phase: JobPhase }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={props.phase}
      className={classes[props.phase]}
      variant={props.phase === 'Pending' ? 'outlined' : 'default'}
    />
  );
}
