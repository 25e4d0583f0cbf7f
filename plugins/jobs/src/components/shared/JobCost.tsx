import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { Job } from '@internal/plugin-jobs-common';
import {
  UtilizationLine,
  utilizationSentence,
} from '@internal/plugin-mlp-react';
import { formatMoney } from '../../lib/format';

/**
 * What a job has cost so far, what the budget check estimated for all of it, and how busy its
 * GPUs were (in the tooltip when compact).
 */
export function JobCost(props: { job: Job; compact?: boolean }) {
  const { job, compact } = props;
  const soFar = formatMoney(job.costSoFar, job.currency);
  const estimate = `of ${formatMoney(
    job.estimatedCost,
    job.currency,
  )} estimated`;
  if (compact) {
    const utilization = job.utilization
      ? utilizationSentence(job.utilization, job.currency)
      : undefined;
    return (
      <Tooltip title={[estimate, utilization].filter(Boolean).join('. ')}>
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
      <UtilizationLine
        utilization={job.utilization}
        source={job.utilizationSource}
        currency={job.currency}
      />
    </>
  );
}
