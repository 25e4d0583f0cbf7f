import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';

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
