import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { Job } from '@internal/plugin-jobs-common';
import { useReadableTables } from '@internal/plugin-mlp-react';
import { JobRow } from './JobRow';

/** The jobs, newest first, one row each with their actions. */
export function JobsTable(props: {
  jobs: Job[];
  showTeam: boolean;
  onLogs: (job: Job) => void;
  onCancel: (job: Job) => void;
}) {
  const classes = useReadableTables();
  return (
    <div className={classes.area}>
      <Table size="small" aria-label="Training jobs">
        <TableHead>
          <TableRow>
            <TableCell>Job</TableCell>
            <TableCell>Phase</TableCell>
            <TableCell>GPUs</TableCell>
            <TableCell>Runtime</TableCell>
            <TableCell>Cost so far</TableCell>
            <TableCell>Submitted</TableCell>
            <TableCell>Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.jobs.map(job => (
            <JobRow
              key={job.id}
              job={job}
              showTeam={props.showTeam}
              onLogs={() => props.onLogs(job)}
              onCancel={() => props.onCancel(job)}
            />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
