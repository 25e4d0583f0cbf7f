import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { QuotaRequest } from '@internal/plugin-gpu-quota-common';
import { formatAgo, formatDateTime } from '@internal/plugin-mlp-react';
import { formatDays } from '../shared/time';
import type { Decision } from './DecisionDialog';

/** Requests waiting for a platform keeper; only keepers get the buttons to decide them. */
export function PendingRequestsTable(props: {
  requests: QuotaRequest[];
  mayDecide: boolean;
  onDecide: (request: QuotaRequest, decision: Decision) => void;
}) {
  const { requests, mayDecide, onDecide } = props;
  if (requests.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No request is waiting for a decision.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Pending requests">
      <TableHead>
        <TableRow>
          <TableCell>Team</TableCell>
          <TableCell>Resource</TableCell>
          <TableCell>Current → requested</TableCell>
          <TableCell>Justification</TableCell>
          <TableCell>Duration</TableCell>
          <TableCell>Requested by</TableCell>
          <TableCell>When</TableCell>
          {mayDecide && <TableCell>Decision</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {requests.map(r => (
          <TableRow key={r.id} data-testid={`pending-request-${r.id}`}>
            <TableCell>{r.team}</TableCell>
            <TableCell>{r.resource}</TableCell>
            <TableCell>
              {r.currentAmount} → {r.requestedAmount}
            </TableCell>
            <TableCell>{r.justification}</TableCell>
            <TableCell>{formatDays(r.durationDays)}</TableCell>
            <TableCell>
              <EntityRefLink entityRef={r.requestedBy} title={r.requestedBy} />
            </TableCell>
            <TableCell title={formatDateTime(r.createdAt)}>
              {formatAgo(r.createdAt)}
            </TableCell>
            {mayDecide && (
              <TableCell>
                <Box display="flex" style={{ gap: 8 }}>
                  <Button
                    size="small"
                    color="primary"
                    variant="contained"
                    onClick={() => onDecide(r, 'approve')}
                  >
                    Approve
                  </Button>
                  <Button
                    size="small"
                    variant="outlined"
                    onClick={() => onDecide(r, 'reject')}
                  >
                    Reject
                  </Button>
                </Box>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
