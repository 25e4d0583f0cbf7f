import { useState } from 'react';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { QuotaRequest } from '@internal/plugin-gpu-quota-common';
import { errorMessage } from '@internal/plugin-mlp-react';
import { RequestStatusChip } from '../shared/RequestStatusChip';
import { formatAgo, formatDateTime } from '@internal/plugin-mlp-react';
import { formatDays } from '../shared/time';

function describeTerm(request: QuotaRequest): string {
  if (request.status === 'approved' && request.expiresAt) {
    const deferred = request.expiryDeferredReason
      ? ` (expiry waits: ${request.expiryDeferredReason})`
      : '';
    return `until ${formatDateTime(request.expiresAt)}${deferred}`;
  }
  return `for ${formatDays(request.durationDays)}, asked by ${
    request.requestedBy
  } ${formatAgo(request.createdAt)}`;
}

/**
 * The team's open asks and the increases it holds now, with when they end. Whoever asked (or a
 * platform keeper) can cancel a pending ask.
 */
export function TeamRequestsList(props: {
  requests: QuotaRequest[];
  /** The signed-in user, once known: who may cancel what. */
  me?: { userEntityRef: string; mayDecide: boolean };
  onCancel?: (id: string) => Promise<void>;
}) {
  const [cancelling, setCancelling] = useState<string>();
  const [failure, setFailure] = useState<string>();
  if (props.requests.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No pending request and no temporary increase.
      </Typography>
    );
  }
  const mayCancel = (r: QuotaRequest) =>
    r.status === 'pending' &&
    props.onCancel &&
    props.me &&
    (props.me.mayDecide || props.me.userEntityRef === r.requestedBy);
  const cancel = async (id: string) => {
    setCancelling(id);
    setFailure(undefined);
    try {
      await props.onCancel!(id);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setCancelling(undefined);
    }
  };
  return (
    <>
      {failure && (
        <Typography variant="body2" color="error" role="alert">
          {failure}
        </Typography>
      )}
      <List dense disablePadding aria-label="Open requests and increases">
        {props.requests.map(r => (
          <ListItem key={r.id} disableGutters>
            <ListItemText
              primary={
                <>
                  {r.resource}: {r.currentAmount} → {r.requestedAmount}{' '}
                  <RequestStatusChip status={r.status} />
                </>
              }
              secondary={describeTerm(r)}
            />
            {mayCancel(r) && (
              <ListItemSecondaryAction>
                <Button
                  size="small"
                  disabled={cancelling === r.id}
                  onClick={() => cancel(r.id)}
                >
                  Cancel request
                </Button>
              </ListItemSecondaryAction>
            )}
          </ListItem>
        ))}
      </List>
    </>
  );
}
