import { type FormEvent, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/frontend-plugin-api';
import type { QuotaRequest } from '@internal/plugin-gpu-quota-common';
import { gpuQuotaApiRef } from '../../api';
import { ActionError } from '@internal/plugin-mlp-react';
import { formatDays } from '../shared/time';

export type Decision = 'approve' | 'reject';

const TITLE_ID = 'gpu-quota-decision-dialog-title';

/**
 * Approves (comment optional) or rejects (reason required) one request. A refusal from the
 * server, such as a request someone else already decided, stays in the dialog.
 */
export function DecisionDialog(props: {
  request: QuotaRequest;
  decision: Decision;
  onClose: () => void;
  onDecided: () => void;
}) {
  const { request, decision, onClose, onDecided } = props;
  const api = useApi(gpuQuotaApiRef);
  const [comment, setComment] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const [serverError, setServerError] = useState<unknown>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const rejecting = decision === 'reject';
  let helperText = 'Optional: a note for the team';
  if (rejecting) {
    helperText = missingReason
      ? 'A reason is required when rejecting: tell the team why, and what they could ask for instead'
      : 'Required: tell the team why, and what they could ask for instead';
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = comment.trim();
    if (rejecting && text === '') {
      setMissingReason(true);
      return;
    }
    setMissingReason(false);
    setServerError(undefined);
    setSubmitting(true);
    try {
      if (rejecting) {
        await api.rejectRequest(request.id, text);
      } else {
        await api.approveRequest(request.id, text === '' ? undefined : text);
      }
      onDecided();
    } catch (e) {
      setServerError(e);
      setSubmitting(false);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={TITLE_ID} fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={TITLE_ID}>
          {rejecting ? 'Reject' : 'Approve'} the request of {request.team}
        </DialogTitle>
        <DialogContent>
          <Typography variant="body2" paragraph>
            {request.resource}: {request.currentAmount} →{' '}
            {request.requestedAmount} for {formatDays(request.durationDays)},
            asked by {request.requestedBy}: “{request.justification}”
          </Typography>
          {serverError !== undefined && <ActionError error={serverError} />}
          <TextField
            id="gpu-quota-decision-comment"
            label={rejecting ? 'Reason' : 'Comment'}
            value={comment}
            onChange={e => setComment(e.target.value)}
            error={missingReason}
            helperText={helperText}
            multiline
            minRows={2}
            fullWidth
            margin="normal"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="contained"
            color={rejecting ? 'secondary' : 'primary'}
            disabled={submitting}
          >
            {rejecting ? 'Reject' : 'Approve'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
