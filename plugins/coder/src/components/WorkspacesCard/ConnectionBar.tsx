import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { ActionError } from '@internal/plugin-mlp-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { coderApiRef } from '../../api';

/** Whose Coder account the portal uses, and a way to make it forget the token. */
export function ConnectionBar(props: {
  username: string;
  coderUrl: string;
  onDisconnected: () => void;
}) {
  const api = useApi(coderApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  // Coder's own workspace credits, or that it has no quota for the user; a hint, so a failure
  // to read them is not shown.
  const quota = useAsync(() => api.getQuota(), [api]);

  const disconnect = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.disconnect();
      props.onDisconnected();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Box mb={1}>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="body2">
          Connected as <strong>{props.username}</strong> on{' '}
          <Link to={props.coderUrl}>Coder</Link>
        </Typography>
        {quota.value && (
          <Typography variant="caption" color="textSecondary">
            Workspace credits in Coder: {quota.value.creditsConsumed} of{' '}
            {quota.value.budget} a day in use
          </Typography>
        )}
        {/* No licence (budget -1) or the open-source server: Coder limits no credits. */}
        {!quota.loading && !quota.error && !quota.value && (
          <Typography variant="caption" color="textSecondary">
            No workspace quota in Coder
          </Typography>
        )}
        <Button size="small" onClick={disconnect} disabled={busy}>
          Disconnect
        </Button>
      </Box>
      {error !== undefined && <ActionError error={error} />}
    </Box>
  );
}
