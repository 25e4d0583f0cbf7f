import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Progress, useApi } from '@backstage/frontend-plugin-api';
import type { Job } from '@internal/plugin-jobs-common';
import { ActionError } from '@internal/plugin-mlp-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { jobsApiRef } from '../../api';

const TITLE_ID = 'jobs-logs-title';

const useStyles = makeStyles(theme => ({
  logs: {
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    maxHeight: '60vh',
    overflow: 'auto',
    margin: 0,
    padding: theme.spacing(1.5),
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
}));

/** A job's pod logs as the backend has them now, with a way to read them again. */
export function LogsDialog(props: { job: Job; onClose: () => void }) {
  const { job, onClose } = props;
  const classes = useStyles();
  const api = useApi(jobsApiRef);
  const logs = useAsyncRetry(() => api.getLogs(job.id), [api, job.id]);

  let body;
  if (logs.error) {
    body = <ActionError error={logs.error} />;
  } else if (logs.value === undefined) {
    body = <Progress />;
  } else if (logs.value.trim() === '') {
    body = (
      <Typography color="textSecondary">
        No logs yet: a job writes them once its first pod runs.
      </Typography>
    );
  } else {
    body = (
      <pre className={classes.logs} aria-label={`Logs of ${job.id}`}>
        {logs.value}
      </pre>
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="lg"
      aria-labelledby={TITLE_ID}
    >
      <DialogTitle id={TITLE_ID}>Logs of {job.id}</DialogTitle>
      <DialogContent>{body}</DialogContent>
      <DialogActions>
        <Button onClick={logs.retry} disabled={logs.loading}>
          Refresh
        </Button>
        <Button onClick={onClose} color="primary" variant="contained">
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
