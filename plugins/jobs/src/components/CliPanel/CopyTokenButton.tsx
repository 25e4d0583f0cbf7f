import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { ActionError } from '@internal/plugin-mlp-react';

type Outcome = { copied: true } | { error: unknown };

/** Copies the user's current portal token to the clipboard, for `mlp login`. */
export function CopyTokenButton() {
  const identityApi = useApi(identityApiRef);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const copy = async () => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const { token } = await identityApi.getCredentials();
      if (!token) {
        throw new Error(
          'The portal has no token for you: sign in (not as a guest) and try again.',
        );
      }
      if (!navigator.clipboard) {
        throw new Error(
          'This browser does not let the page write to the clipboard (it needs HTTPS).',
        );
      }
      await navigator.clipboard.writeText(token);
      setOutcome({ copied: true });
    } catch (error) {
      setOutcome({ error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box my={1}>
      <Box display="flex" alignItems="center" style={{ gap: 12 }}>
        <Button
          variant="contained"
          color="primary"
          onClick={copy}
          disabled={busy}
        >
          Copy token
        </Button>
        {outcome && 'copied' in outcome && (
          <Typography role="status" color="textSecondary">
            Copied
          </Typography>
        )}
      </Box>
      {outcome && 'error' in outcome && <ActionError error={outcome.error} />}
    </Box>
  );
}
