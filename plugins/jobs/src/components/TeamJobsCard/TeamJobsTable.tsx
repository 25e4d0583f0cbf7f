import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { Job } from '@internal/plugin-jobs-common';
import { formatRuntime } from '../../lib/format';
import { JobCost } from '../shared/JobCost';
import { PhaseChip } from '../shared/PhaseChip';
import { WaitingFor } from '../shared/WaitingFor';

/** The team's latest jobs, compact: id, phase, GPUs, runtime and cost so far. */
export function TeamJobsTable(props: { team: string; jobs: Job[] }) {
  return (
    <Table size="small" aria-label={`Latest training jobs of ${props.team}`}>
      <TableHead>
        <TableRow>
          <TableCell>Job</TableCell>
          <TableCell>Phase</TableCell>
          <TableCell>GPUs</TableCell>
          <TableCell>Runtime</TableCell>
          <TableCell>Cost so far</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.jobs.map(job => (
          <TableRow key={job.id} data-testid={`job-${job.id}`}>
            <TableCell style={{ fontFamily: 'monospace' }} title={job.name}>
              {job.id}
            </TableCell>
            <TableCell title={job.waitingFor ?? job.message}>
              <PhaseChip phase={job.phase} />
              <WaitingFor job={job} />
            </TableCell>
            <TableCell>{job.gpus}</TableCell>
            <TableCell>{formatRuntime(job.runtimeSeconds)}</TableCell>
            <TableCell>
              <JobCost job={job} compact />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
