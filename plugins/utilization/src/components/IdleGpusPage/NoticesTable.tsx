import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  IdleNotice,
  IdlePolicy,
} from '@internal/plugin-utilization-common';
import {
  ActionError,
  formatDateTime,
  formatPercent,
  userName,
} from '@internal/plugin-mlp-react';

const STATE: Record<IdleNotice['state'], string> = {
  notified: 'Idle: will be stopped',
  snoozed: 'Kept running',
  stopped: 'Stopped',
  resolved: 'Busy again or ended',
};

/** What happens next to a notice's job, in words. */
function next(notice: IdleNotice): string {
  if (notice.state === 'notified')
    return `stops at ${formatDateTime(notice.stopAt)}`;
  if (notice.state === 'snoozed' && notice.snoozedUntil) {
    return `until ${formatDateTime(notice.snoozedUntil)}`;
  }
  return notice.closedAt ? formatDateTime(notice.closedAt) : '';
}

/** Idle notices, open ones with "Keep it running" and "Stop now". */
export function NoticesTable(props: {
  notices: IdleNotice[];
  policy?: IdlePolicy | null;
  onKeep: (notice: IdleNotice) => Promise<unknown>;
  onStop: (notice: IdleNotice) => Promise<unknown>;
}) {
  const { notices, policy } = props;
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<{ error: Error }>();
  const act = async (
    notice: IdleNotice,
    action: (n: IdleNotice) => Promise<unknown>,
  ) => {
    setBusy(notice.id);
    setError(undefined);
    try {
      await action(notice);
    } catch (e) {
      setError({ error: e as Error });
    } finally {
      setBusy(undefined);
    }
  };
  if (notices.length === 0) {
    return (
      <Typography color="textSecondary">
        No idle GPUs in the last 7 days.
      </Typography>
    );
  }
  return (
    <>
      {error && <ActionError error={error.error} />}
      <Table size="small" aria-label="Idle notices">
        <TableHead>
          <TableRow>
            <TableCell>Job</TableCell>
            <TableCell>Owner</TableCell>
            <TableCell align="right">GPUs</TableCell>
            <TableCell align="right">Avg util.</TableCell>
            <TableCell>State</TableCell>
            <TableCell>When</TableCell>
            <TableCell>Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {notices.map(n => {
            const open = n.state === 'notified' || n.state === 'snoozed';
            const snoozesLeft = (policy?.maxSnoozes ?? 0) - n.snoozes;
            return (
              <TableRow key={n.id}>
                <TableCell>{n.workload}</TableCell>
                <TableCell>{userName(n.owner)}</TableCell>
                <TableCell align="right">{n.gpus}</TableCell>
                <TableCell align="right">
                  {formatPercent(n.averagePercent)}
                </TableCell>
                <TableCell>{STATE[n.state]}</TableCell>
                <TableCell>{next(n)}</TableCell>
                <TableCell>
                  {open && (
                    <>
                      <Button
                        size="small"
                        disabled={busy === n.id || snoozesLeft <= 0}
                        title={
                          snoozesLeft <= 0
                            ? 'Kept running as often as the policy allows'
                            : `${snoozesLeft} left`
                        }
                        onClick={() => act(n, props.onKeep)}
                      >
                        Keep it running
                      </Button>
                      <Button
                        size="small"
                        color="secondary"
                        disabled={busy === n.id}
                        onClick={() => act(n, props.onStop)}
                      >
                        Stop now
                      </Button>
                    </>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}
