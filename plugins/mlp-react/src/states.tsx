import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useEffect } from 'react';
import { errorMessage, isClusterStarting } from './errorMessage';

/** How often a card looks again while the local cluster is being built. */
export const CLUSTER_STARTING_RETRY_MS = 15_000;

/**
 * A failed load, with the server's message and a way to try again. While the local cluster is
 * still being built (the first start), it says so as information and looks again by itself.
 */
export function ErrorState(props: { error: unknown; onRetry: () => void }) {
  const starting = isClusterStarting(props.error);
  const { onRetry } = props;
  useEffect(() => {
    if (!starting) return undefined;
    const timer = setTimeout(onRetry, CLUSTER_STARTING_RETRY_MS);
    return () => clearTimeout(timer);
  }, [starting, onRetry]);
  if (starting) {
    return (
      <Alert severity="info">
        <AlertTitle>The local cluster is being built</AlertTitle>
        {errorMessage(props.error)}
      </Alert>
    );
  }
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
