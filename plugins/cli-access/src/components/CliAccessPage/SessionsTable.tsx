import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { CliSession } from '@internal/plugin-cli-access-common';
import {
  formatAgo,
  formatDateTime,
  useReadableTables,
  userName,
} from '@internal/plugin-mlp-react';

/** The logins, one row each, with a Revoke button. */
export function SessionsTable(props: {
  sessions: CliSession[];
  showUser: boolean;
  onRevoke: (session: CliSession) => void;
}) {
  const { sessions, showUser, onRevoke } = props;
  const classes = useReadableTables();
  return (
    <div className={classes.area}>
      <Table size="small" aria-label="Command-line logins">
        <TableHead>
          <TableRow>
            {showUser && <TableCell>User</TableCell>}
            <TableCell>Client</TableCell>
            <TableCell>Computer</TableCell>
            <TableCell>Logged in</TableCell>
            <TableCell>Last used</TableCell>
            <TableCell>Ends unless used</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {sessions.map(s => (
            <TableRow key={s.id} data-testid={`cli-session-${s.id}`}>
              {showUser && <TableCell>{userName(s.userEntityRef)}</TableCell>}
              <TableCell>{s.client}</TableCell>
              <TableCell>{s.host ?? '—'}</TableCell>
              <TableCell title={formatDateTime(s.createdAt)}>
                {formatAgo(s.createdAt)}
              </TableCell>
              <TableCell title={formatDateTime(s.lastUsedAt)}>
                {formatAgo(s.lastUsedAt)}
              </TableCell>
              <TableCell>{formatDateTime(s.expiresAt)}</TableCell>
              <TableCell align="right">
                <Button
                  size="small"
                  variant="outlined"
                  onClick={() => onRevoke(s)}
                >
                  Revoke
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
