import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { TeamMetrics } from '@internal/plugin-platform-metrics-common';
import { formatDuration, useReadableTables } from '@internal/plugin-mlp-react';
import {
  formatAdoption,
  formatHours,
  formatQueueWait,
  formatWorkspaces,
} from './describe';

/** One row per ML team, with the same figures as the overall ones. */
export function TeamsTable(props: { teams: TeamMetrics[] }) {
  const classes = useReadableTables();
  return (
    <div className={classes.area}>
      <Table size="small" aria-label="Figures by team">
        <TableHead>
          <TableRow>
            <TableCell>Team</TableCell>
            <TableCell align="right">Submitted</TableCell>
            <TableCell align="right">Succeeded</TableCell>
            <TableCell align="right">Failed</TableCell>
            <TableCell align="right">Users</TableCell>
            <TableCell align="right">GPU-hours</TableCell>
            <TableCell>Average runtime</TableCell>
            <TableCell>Queue wait</TableCell>
            <TableCell>Adoption</TableCell>
            <TableCell>Workspaces</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.teams.map(t => (
            <TableRow key={t.team} data-testid={`team-${t.team}`}>
              <TableCell>{t.team}</TableCell>
              <TableCell align="right">{t.submitted}</TableCell>
              <TableCell align="right">{t.succeeded}</TableCell>
              <TableCell align="right">{t.failed}</TableCell>
              <TableCell align="right">{t.uniqueUsers}</TableCell>
              <TableCell align="right">{formatHours(t.gpuHours)}</TableCell>
              <TableCell>{formatDuration(t.averageRuntimeSeconds)}</TableCell>
              <TableCell>{formatQueueWait(t)}</TableCell>
              <TableCell>{formatAdoption(t)}</TableCell>
              <TableCell>{formatWorkspaces(t)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
