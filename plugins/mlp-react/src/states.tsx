import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { errorMessage } from './errorMessage';

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
