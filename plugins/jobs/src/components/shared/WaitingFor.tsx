import Typography from '@material-ui/core/Typography';
import type { Job } from '@internal/plugin-jobs-common';

/** Under a pending job's phase: why it waits, in words. */
export function WaitingFor(props: { job: Job }) {
  const { job } = props;
  if (job.phase !== 'Pending' || !job.waitingFor) {
    return null;
  }
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      {job.waitingFor}
    </Typography>
  );
}
