import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  root: {
    height: 8,
    borderRadius: 4,
    backgroundColor: theme.palette.action.hover,
  },
  normal: { backgroundColor: theme.palette.primary.main },
  high: { backgroundColor: theme.palette.warning.main },
  full: { backgroundColor: theme.palette.error.main },
}));

/** A thin bar of how much of something is used, coloured by how worrying that is. */
export function LevelBar(props: {
  ratio: number;
  level: 'normal' | 'high' | 'full';
  label: string;
}) {
  const classes = useStyles();
  return (
    <LinearProgress
      variant="determinate"
      value={Math.min(100, Math.round(props.ratio * 100))}
      aria-label={props.label}
      classes={{ root: classes.root, bar: classes[props.level] }}
    />
  );
}
