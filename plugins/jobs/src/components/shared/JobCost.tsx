import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { Job } from '@internal/plugin-jobs-common';
import { formatMoney } from '../../lib/format';

/** What a job has cost so far, and what the budget check estimated for all of it. */
export function JobCost(props: { job: Job; compact?: boolean }) {
  const { job, compact } = props;
  const soFar = formatMoney(job.costSoFar, job.currency);
  const estimate = `of ${formatMoney(
    job.estimatedCost,
    job.currency,
  )} estimated`;
  if (compact) {
    return (
      <Tooltip title={estimate}>
        <span>{soFar}</span>
      </Tooltip>
    );
  }
  return (
    <>
      {soFar}
      <Typography variant="caption" color="textSecondary" component="p">
        {estimate}
      </Typography>
    </>
  );
}
