import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';

/** The portal has no Coder to talk to; the backend says what to configure. */
export function NotConfigured(props: { message: string }) {
  return (
    <Alert severity="info">
      <Typography variant="subtitle2" component="p">
        Coder is not set up for the portal
      </Typography>
      <Typography variant="body2">{props.message}</Typography>
    </Alert>
  );
}
