import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { FirstJob } from '@internal/plugin-platform-metrics-common';
import {
  formatDateTime,
  formatDuration,
  useReadableTables,
  userName,
} from '@internal/plugin-mlp-react';

/** Users who first signed in during the window, and how long until a job of theirs ran. */
export function NewUsersTable(props: { users: FirstJob[] }) {
  const classes = useReadableTables();
  if (props.users.length === 0) {
    return (
      <Typography color="textSecondary">
        Nobody signed in for the first time in this window.
      </Typography>
    );
  }
  return (
    <div className={classes.area}>
      <Table size="small" aria-label="Time to first training job">
        <TableHead>
          <TableRow>
            <TableCell>User</TableCell>
            <TableCell>First sign-in</TableCell>
            <TableCell>First job running</TableCell>
            <TableCell>Time to first job</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.users.map(u => (
            <TableRow key={u.userEntityRef}>
              <TableCell>{userName(u.userEntityRef)}</TableCell>
              <TableCell>{formatDateTime(u.firstSignInAt)}</TableCell>
              <TableCell>
                {u.firstRunningAt
                  ? formatDateTime(u.firstRunningAt)
                  : 'no job ran yet'}
              </TableCell>
              <TableCell>{formatDuration(u.seconds)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
