import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { Job } from '@internal/plugin-jobs-common';
import { formatAgo, formatDateTime } from '@internal/plugin-mlp-react';
import { formatRuntime, submitterName } from '../../lib/format';
import { isFailure } from '../../lib/phase';
import { JobCost } from '../shared/JobCost';
import { PhaseChip } from '../shared/PhaseChip';
import { WaitingFor } from '../shared/WaitingFor';
import { JobActions } from './JobActions';

/** One job: what it is, how it stands, what it costs, who sent it and what can be done. */
export function JobRow(props: {
  job: Job;
  showTeam: boolean;
  onLogs: () => void;
  onCancel: () => void;
}) {
  const { job, showTeam } = props;
  return (
    <TableRow data-testid={`job-${job.id}`}>
      <TableCell>
        <Typography variant="body2" style={{ fontFamily: 'monospace' }}>
          {job.id}
        </Typography>
        <Typography variant="caption" color="textSecondary" component="p">
          {job.name}
        </Typography>
        {showTeam && (
          <Typography variant="caption" color="textSecondary" component="p">
            team {job.team}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        <PhaseChip phase={job.phase} />
        {isFailure(job.phase) && job.message && (
          <Typography variant="caption" color="error" component="p">
            {job.message}
          </Typography>
        )}
        <WaitingFor job={job} />
        {job.attempts > 1 && (
          <Typography variant="caption" color="textSecondary" component="p">
            attempt {job.attempts} of {job.retries + 1}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {job.gpus}
        {job.node && (
          <Typography variant="caption" color="textSecondary" component="p">
            on {job.node}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {formatRuntime(job.runtimeSeconds)}
        {job.startedAt && (
          <Typography variant="caption" color="textSecondary" component="p">
            <span title={formatDateTime(job.startedAt)}>
              started {formatAgo(job.startedAt)}
            </span>
          </Typography>
        )}
        {job.finishedAt && (
          <Typography variant="caption" color="textSecondary" component="p">
            <span title={formatDateTime(job.finishedAt)}>
              finished {formatAgo(job.finishedAt)}
            </span>
          </Typography>
        )}
      </TableCell>
      <TableCell>
        <JobCost job={job} />
      </TableCell>
      <TableCell>
        <span title={formatDateTime(job.createdAt)}>
          {formatAgo(job.createdAt)}
        </span>
        <Typography variant="caption" color="textSecondary" component="p">
          by {submitterName(job.submittedBy)}
        </Typography>
      </TableCell>
      <TableCell>
        <JobActions job={job} onLogs={props.onLogs} onCancel={props.onCancel} />
      </TableCell>
    </TableRow>
  );
}
