import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { errorMessage } from './errorMessage';

export const NOT_CONFIGURED_TITLE =
  'No Kubernetes cluster is configured for the portal';

/** The backend has no cluster to read quotas from; the figures cannot exist yet. */
export function NotConfiguredState(props: { message: string }) {
  return (
    <Alert severity="info">
      <Typography variant="subtitle2" component="p">
        {NOT_CONFIGURED_TITLE}
      </Typography>
      <Typography variant="body2">{props.message}</Typography>
    </Alert>
  );
}

/** A failed load, with the server's message and a way to try again. */
export function ErrorState(props: { error: unknown; onRetry: () => void }) {
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={props.onRetry}>
          Retry
        </Button>
      }
    >
      {errorMessage(props.error)}
    </Alert>
  );
}

/** A server's answer to something the user just did, shown where they did it. */
export function ActionError(props: { error: unknown }) {
  return (
    <Box my={1}>
      <Alert severity="error">{errorMessage(props.error)}</Alert>
    </Box>
  );
}
