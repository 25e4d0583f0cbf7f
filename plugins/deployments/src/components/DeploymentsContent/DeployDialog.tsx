import type {
  DeployRequest,
  Environment,
} from '@internal/plugin-deployments-common';
import { ActionError } from '@internal/plugin-mlp-react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';

/**
 * What to deploy where: a registry alias (champion by default) or a version number, replicas and
 * GPUs per replica. The backend checks everything and says which field is wrong.
 */
export function DeployDialog(props: {
  model: string;
  environment: Environment;
  maxReplicas?: number;
  onClose: () => void;
  onDeploy: (request: DeployRequest) => Promise<void>;
}) {
  const { model, environment } = props;
  const [by, setBy] = useState<'alias' | 'version'>('alias');
  const [alias, setAlias] = useState('champion');
  const [version, setVersion] = useState('');
  const [replicas, setReplicas] = useState('1');
  const [gpus, setGpus] = useState('0');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onDeploy({
        model,
        environment,
        ...(by === 'alias'
          ? { alias: alias.trim() }
          : { version: version.trim() }),
        replicas: Number(replicas),
        gpus: Number(gpus),
      });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby="deploy-title"
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id="deploy-title">
        Deploy {model} to {environment}
      </DialogTitle>
      <DialogContent>
        {environment === 'production' && (
          <Typography variant="body2" paragraph>
            Production deploys wait for a platform keeper or your team's lead to
            approve them; you cannot approve your own.
          </Typography>
        )}
        <RadioGroup
          row
          aria-label="Which version"
          value={by}
          onChange={e => setBy(e.target.value as 'alias' | 'version')}
        >
          <FormControlLabel
            value="alias"
            control={<Radio />}
            label="By alias"
          />
          <FormControlLabel
            value="version"
            control={<Radio />}
            label="By version number"
          />
        </RadioGroup>
        {by === 'alias' ? (
          <TextField
            id="deploy-alias"
            label="Alias"
            value={alias}
            onChange={e => setAlias(e.target.value)}
            helperText="An alias of the registered model, such as champion"
            fullWidth
            margin="dense"
          />
        ) : (
          <TextField
            id="deploy-version"
            label="Version"
            value={version}
            onChange={e => setVersion(e.target.value)}
            helperText="A version number from the registry, such as 3"
            fullWidth
            margin="dense"
          />
        )}
        <TextField
          id="deploy-replicas"
          label="Replicas"
          type="number"
          value={replicas}
          onChange={e => setReplicas(e.target.value)}
          inputProps={{ min: 1, max: props.maxReplicas }}
          helperText={`Copies of the model that serve${
            props.maxReplicas
              ? `; your team's maximum is ${props.maxReplicas}`
              : ''
          }`}
          fullWidth
          margin="dense"
        />
        <TextField
          id="deploy-gpus"
          label="GPUs per replica"
          type="number"
          value={gpus}
          onChange={e => setGpus(e.target.value)}
          inputProps={{ min: 0 }}
          helperText="0 serves on CPUs; GPUs count against your team's quota and budget"
          fullWidth
          margin="dense"
        />
        {error !== undefined && <ActionError error={error} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={busy}
        >
          {environment === 'production' ? 'Ask for approval' : 'Deploy'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
