import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';

/** Above this share of the quota a team is close to having its jobs wait. */
export const HIGH_PRESSURE = 0.9;

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

/** How much of one GPU resource's quota is in use. */
export function UsageBar(props: {
  resource: string;
  used: number;
  hard: number;
}) {
  const { resource, used, hard } = props;
  const classes = useStyles();
  const ratio = hard > 0 ? used / hard : 0;
  let barClass = classes.normal;
  if (ratio >= 1) {
    barClass = classes.full;
  } else if (ratio > HIGH_PRESSURE) {
    barClass = classes.high;
  }
  return (
    <LinearProgress
      variant="determinate"
      value={Math.min(100, Math.round(ratio * 100))}
      aria-label={`${resource}: ${used} of ${hard} GPUs in use`}
      classes={{ root: classes.root, bar: barClass }}
    />
  );
}
