import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { useApi } from '@backstage/frontend-plugin-api';
import type { Job } from '@internal/plugin-jobs-common';
import { ActionError } from '@internal/plugin-mlp-react';
import { jobsApiRef } from '../../api';

const TITLE_ID = 'jobs-cancel-title';

/** Asks before cancelling a job, then cancels it; a refusal is shown in the dialog. */
export function CancelJobDialog(props: {
  job: Job;
  onCancelled: (job: Job) => void;
  onClose: () => void;
}) {
  const { job, onCancelled, onClose } = props;
  const api = useApi(jobsApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onCancelled(await api.cancelJob(job.id));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby={TITLE_ID}
    >
      <DialogTitle id={TITLE_ID}>Cancel job {job.id}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          Its pods are stopped and its budget reservation is released.
        </DialogContentText>
        {error !== undefined && <ActionError error={error} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Keep running
        </Button>
        <Button
          onClick={confirm}
          disabled={busy}
          color="secondary"
          variant="contained"
        >
          {busy ? 'Cancelling…' : 'Cancel job'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
