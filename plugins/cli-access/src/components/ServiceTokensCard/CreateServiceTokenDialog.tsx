import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import {
  type CreatedServiceToken,
  serviceTokenRequestSchema,
} from '@internal/plugin-cli-access-common';
import { ActionError } from '@internal/plugin-mlp-react';

const TITLE_ID = 'cli-access-create-token-title';

/**
 * Makes a service token: whom it acts as, a name, how long. Fields are checked with the same
 * schema as the backend's before anything is sent.
 */
export function CreateServiceTokenDialog(props: {
  onCreate: (request: {
    user: string;
    name: string;
    days: number;
  }) => Promise<CreatedServiceToken>;
  onCreated: (created: CreatedServiceToken) => void;
  onCancel: () => void;
}) {
  const [user, setUser] = useState('');
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const parsed = serviceTokenRequestSchema.safeParse({
      user,
      name,
      days: Number(days),
    });
    if (!parsed.success) {
      setProblems(
        Object.fromEntries(
          parsed.error.issues.map(i => [String(i.path[0]), i.message]),
        ),
      );
      return;
    }
    setProblems({});
    setBusy(true);
    setFailure(undefined);
    try {
      props.onCreated(await props.onCreate(parsed.data));
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={props.onCancel} aria-labelledby={TITLE_ID}>
      <DialogTitle id={TITLE_ID}>New service token</DialogTitle>
      <DialogContent>
        <TextField
          id="service-token-user"
          label="Acts as user"
          placeholder="user:default/nlp-ci"
          helperText={
            problems.user ??
            'A service account in the catalog (kind User), member of the team whose jobs it runs'
          }
          error={Boolean(problems.user)}
          value={user}
          onChange={e => setUser(e.target.value)}
          fullWidth
          margin="normal"
        />
        <TextField
          id="service-token-name"
          label="Name"
          placeholder="nlp-team nightly training"
          helperText={
            problems.name ?? 'What uses it, so you know what to revoke'
          }
          error={Boolean(problems.name)}
          value={name}
          onChange={e => setName(e.target.value)}
          fullWidth
          margin="normal"
        />
        <TextField
          id="service-token-days"
          label="Days it lasts"
          type="number"
          helperText={problems.days ?? '1 to 365'}
          error={Boolean(problems.days)}
          value={days}
          onChange={e => setDays(e.target.value)}
          margin="normal"
        />
        {failure !== undefined && <ActionError error={failure} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button
          onClick={submit}
          color="primary"
          variant="contained"
          disabled={busy}
        >
          Make token
        </Button>
      </DialogActions>
    </Dialog>
  );
}
