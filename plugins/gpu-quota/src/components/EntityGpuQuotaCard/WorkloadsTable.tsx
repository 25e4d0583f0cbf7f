import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { GpuWorkload } from '@internal/plugin-gpu-quota-common';
import { formatAgo, formatDateTime } from '@internal/plugin-mlp-react';

function formatGpus(gpus: Record<string, number>): string {
  return Object.entries(gpus)
    .map(([resource, count]) => `${count} × ${resource}`)
    .join(', ');
}

/** The pods that hold the team's GPUs right now, so a team can see who uses them. */
export function WorkloadsTable(props: { workloads: GpuWorkload[] }) {
  if (props.workloads.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No job of the team holds GPUs right now.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Workloads holding GPUs">
      <TableHead>
        <TableRow>
          <TableCell>Pod</TableCell>
          <TableCell>Started by</TableCell>
          <TableCell>GPUs</TableCell>
          <TableCell>Phase</TableCell>
          <TableCell>Since</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.workloads.map(w => (
          <TableRow key={w.pod}>
            <TableCell>{w.pod}</TableCell>
            <TableCell>
              {w.owner ? `${w.owner.kind} ${w.owner.name}` : '—'}
            </TableCell>
            <TableCell>{formatGpus(w.gpus)}</TableCell>
            {/* A word such as Running is never broken across lines. */}
            <TableCell style={{ whiteSpace: 'nowrap' }}>{w.phase}</TableCell>
            <TableCell
              title={formatDateTime(w.since)}
              style={{ whiteSpace: 'nowrap' }}
            >
              {formatAgo(w.since)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
