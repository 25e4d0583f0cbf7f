import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';
import type { BudgetStatus } from '@internal/plugin-cost-common';
import { formatMoney } from './format';

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

/** How much of this month's budget is spent or reserved; only for a team with a budget. */
export function BudgetBar(props: {
  status: BudgetStatus & { budget: number };
}) {
  const { status } = props;
  const classes = useStyles();
  const used = status.spent + status.reserved;
  const ratio = status.budget > 0 ? used / status.budget : 1;
  let barClass = classes.normal;
  if (status.alerts.includes(100)) {
    barClass = classes.full;
  } else if (status.alerts.includes(80)) {
    barClass = classes.high;
  }
  return (
    <LinearProgress
      variant="determinate"
      value={Math.min(100, Math.round(ratio * 100))}
      aria-label={`${formatMoney(used, status.currency)} of the ${formatMoney(
        status.budget,
        status.currency,
      )} budget spent or reserved`}
      classes={{ root: classes.root, bar: barClass }}
    />
  );
}
