import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { QuotaRequest } from '@internal/plugin-gpu-quota-common';
import { RequestStatusChip } from '../shared/RequestStatusChip';
import { formatDateTime } from '@internal/plugin-mlp-react';
import { formatDays } from '../shared/time';

/** What was decided, by whom and why; approved increases show when they end. */
export function DecidedRequestsTable(props: { requests: QuotaRequest[] }) {
  if (props.requests.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No request has been decided yet.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Decided requests">
      <TableHead>
        <TableRow>
          <TableCell>Team</TableCell>
          <TableCell>Resource</TableCell>
          <TableCell>Current → requested</TableCell>
          <TableCell>Duration</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Decided by</TableCell>
          <TableCell>Comment</TableCell>
          <TableCell>Decided</TableCell>
          <TableCell>Ends</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.requests.map(r => (
          <TableRow key={r.id}>
            <TableCell>{r.team}</TableCell>
            <TableCell>{r.resource}</TableCell>
            <TableCell>
              {r.currentAmount} → {r.requestedAmount}
            </TableCell>
            <TableCell>{formatDays(r.durationDays)}</TableCell>
            <TableCell>
              <RequestStatusChip status={r.status} />
            </TableCell>
            <TableCell>{r.decidedBy ?? '—'}</TableCell>
            <TableCell>{r.decisionComment ?? ''}</TableCell>
            <TableCell>
              {r.decidedAt ? formatDateTime(r.decidedAt) : '—'}
            </TableCell>
            <TableCell>
              {r.expiresAt ? formatDateTime(r.expiresAt) : '—'}
              {r.expiryDeferredReason && (
                <Typography variant="caption" component="div">
                  expiry waits: {r.expiryDeferredReason}
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
