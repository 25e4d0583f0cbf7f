import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';
import ErrorIcon from '@material-ui/icons/Error';

const useStyles = makeStyles(theme => ({
  chip: { marginRight: theme.spacing(1), marginTop: theme.spacing(1) },
  half: {},
  high: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  over: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

/** What each alert threshold (a share of the budget spent or reserved) says. */
export function alertLabel(threshold: number): string {
  return threshold >= 100 ? 'over budget' : `${threshold}% of budget used`;
}

/** One chip per crossed alert threshold (50, 80, 100 %); 100 % in the error colour. */
export function AlertChips(props: { alerts: number[] }) {
  const classes = useStyles();
  if (props.alerts.length === 0) {
    return null;
  }
  return (
    <Box role="list" aria-label="Budget alerts">
      {[...props.alerts]
        .sort((a, b) => a - b)
        .map(threshold => {
          let tone = classes.half;
          let icon;
          if (threshold >= 100) {
            tone = classes.over;
            icon = <ErrorIcon style={{ color: 'inherit' }} />;
          } else if (threshold >= 80) {
            tone = classes.high;
            icon = <WarningIcon style={{ color: 'inherit' }} />;
          }
          return (
            <Chip
              key={threshold}
              role="listitem"
              size="small"
              icon={icon}
              label={alertLabel(threshold)}
              className={`${classes.chip} ${tone}`}
              data-alert={threshold}
            />
          );
        })}
    </Box>
  );
}
