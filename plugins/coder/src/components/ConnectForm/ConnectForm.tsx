import { type FormEvent, useState } from 'react';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  type CoderConnection,
  connectRequestSchema,
} from '@internal/plugin-coder-common';
import { ActionError } from '@internal/plugin-mlp-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { coderApiRef } from '../../api';

type NotConnected = Extract<CoderConnection, { status: 'not-connected' }>;

/**
 * Connects the user's Coder account: the portal keeps their session token and acts in Coder as
 * them. Says so when Coder stopped accepting a token stored before.
 */
export function ConnectForm(props: {
  connection: NotConnected;
  onConnected: (connection: CoderConnection) => void;
}) {
  const { connection } = props;
  const api = useApi(coderApiRef);
  const [token, setToken] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const [serverError, setServerError] = useState<unknown>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const tokensUrl = `${connection.coderUrl.replace(
    /\/+$/,
    '',
  )}/settings/tokens`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = connectRequestSchema.safeParse({ token });
    if (!checked.success) {
      setInvalid(`The token ${checked.error.issues[0]?.message}`);
      return;
    }
    setInvalid(undefined);
    setServerError(undefined);
    setSubmitting(true);
    try {
      props.onConnected(await api.connect(checked.data.token));
    } catch (e) {
      setServerError(e);
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Connect Coder">
      {connection.rejected && (
        <Alert severity="warning">
          Coder no longer accepts your token ({connection.rejected.message}):
          connect again.
        </Alert>
      )}
      <Typography variant="body2" paragraph>
        Connect your Coder account to create and manage your workspaces here.
        The portal keeps your token and acts in Coder as you. Create a token in
        Coder under <Link to={tokensUrl}>Account → Tokens</Link>, or run{' '}
        <code>coder tokens create</code>.
      </Typography>
      {serverError !== undefined && <ActionError error={serverError} />}
      <TextField
        id="coder-connect-token"
        type="password"
        label="Coder session token"
        value={token}
        onChange={e => setToken(e.target.value)}
        error={!!invalid}
        helperText={invalid}
        autoComplete="off"
        fullWidth
        margin="dense"
      />
      <Box mt={1}>
        <Button
          type="submit"
          color="primary"
          variant="contained"
          disabled={submitting}
        >
          Connect Coder
        </Button>
      </Box>
    </form>
  );
}
