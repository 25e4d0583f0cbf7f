import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { IdleEvent } from '@internal/plugin-utilization-common';
import { formatDateTime, userName } from '@internal/plugin-mlp-react';

const ACTION: Record<IdleEvent['action'], string> = {
  notified: 'Owner told',
  snoozed: 'Kept running',
  stopped: 'Stopped',
  resolved: 'Closed',
  'stop-failed': 'Stop failed',
};

/** A team's idle audit trail, newest first. */
export function EventsTable(props: { events: IdleEvent[] }) {
  if (props.events.length === 0) {
    return (
      <Typography color="textSecondary">Nothing has happened yet.</Typography>
    );
  }
  return (
    <Table size="small" aria-label="Idle audit trail">
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>Job</TableCell>
          <TableCell>What</TableCell>
          <TableCell>By</TableCell>
          <TableCell>Details</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.events.map(e => (
          <TableRow key={e.id}>
            <TableCell>{formatDateTime(e.at)}</TableCell>
            <TableCell>{e.workload}</TableCell>
            <TableCell>{ACTION[e.action]}</TableCell>
            <TableCell>
              {e.actor === 'idle-reclaim' ? 'the portal' : userName(e.actor)}
            </TableCell>
            <TableCell>{e.detail}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
