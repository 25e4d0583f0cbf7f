import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { GpuResourceUsage } from '@internal/plugin-gpu-quota-common';
import { UsageBar } from '../shared/UsageBar';

const useStyles = makeStyles(theme => ({
  figures: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(0.5),
  },
}));

/** One line per GPU resource: what the team may use, uses, and has left. */
export function ResourceUsageList(props: { resources: GpuResourceUsage[] }) {
  const classes = useStyles();
  if (props.resources.length === 0) {
    return (
      <Typography variant="body2">
        The team's quota allows no GPUs of any kind.
      </Typography>
    );
  }
  return (
    <>
      {props.resources.map(r => (
        <Box key={r.resource} mb={2} data-testid={`resource-${r.resource}`}>
          <Typography variant="subtitle2" component="h3">
            {r.resource}
          </Typography>
          <UsageBar resource={r.resource} used={r.used} hard={r.hard} />
          <Typography
            variant="body2"
            component="div"
            className={classes.figures}
          >
            <span>{r.hard} allocated</span>
            <span>{r.used} in use</span>
            <span>{r.available} available</span>
            <span>
              {r.maxPerJob === undefined
                ? 'no per-job limit'
                : `at most ${r.maxPerJob} per job`}
            </span>
          </Typography>
        </Box>
      ))}
    </>
  );
}
