import { type FormEvent, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/frontend-plugin-api';
import type { GpuResourceUsage } from '@internal/plugin-gpu-quota-common';
import { gpuQuotaApiRef } from '../../api';
import { ActionError } from '@internal/plugin-mlp-react';
import {
  type DurationUnit,
  type RequestFormErrors,
  type RequestFormValues,
  validateRequestForm,
} from './requestForm';

const TITLE_ID = 'gpu-quota-request-dialog-title';

/**
 * Asks for a temporary increase of one GPU resource. Whatever the server says is wrong is shown
 * here, word for word, and the form keeps what the user typed so they only fix that field.
 */
export function RequestMoreGpusDialog(props: {
  team: string;
  resources: GpuResourceUsage[];
  onClose: () => void;
  onSubmitted: () => void;
}) {
  const { team, resources, onClose, onSubmitted } = props;
  const api = useApi(gpuQuotaApiRef);
  const [values, setValues] = useState<RequestFormValues>({
    resource: resources[0]?.resource ?? '',
    amount: '',
    justification: '',
    duration: '7',
    unit: 'days',
  });
  const [errors, setErrors] = useState<RequestFormErrors>({});
  const [serverError, setServerError] = useState<unknown>(undefined);
  const [submitting, setSubmitting] = useState(false);

  const current = resources.find(r => r.resource === values.resource);
  const set =
    (field: keyof RequestFormValues) =>
    (event: { target: { value: string } }) =>
      setValues(v => ({ ...v, [field]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validateRequestForm(team, values, resources);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setServerError(undefined);
    setSubmitting(true);
    try {
      await api.createRequest(checked.body);
      onSubmitted();
    } catch (e) {
      setServerError(e);
      setSubmitting(false);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={TITLE_ID} fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={TITLE_ID}>More GPUs for {team}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" paragraph>
            Ask for a bigger quota for a while. A platform keeper approves or
            rejects it; when the time is up the quota goes back to what it was.
          </Typography>
          {serverError !== undefined && <ActionError error={serverError} />}
          <TextField
            id="gpu-quota-request-resource"
            select
            SelectProps={{ native: true }}
            label="Resource"
            value={values.resource}
            onChange={set('resource')}
            error={!!errors.resource}
            helperText={errors.resource ?? 'The kind of GPU you need more of'}
            fullWidth
            margin="normal"
          >
            {resources.map(r => (
              <option key={r.resource} value={r.resource}>
                {r.resource}
              </option>
            ))}
          </TextField>
          <TextField
            id="gpu-quota-request-amount"
            type="number"
            label="New total GPUs"
            value={values.amount}
            onChange={set('amount')}
            inputProps={{ min: (current?.hard ?? 0) + 1, step: 1 }}
            error={!!errors.amount}
            helperText={
              errors.amount ??
              `Now ${
                current?.hard ?? 0
              } allocated. Enter the total you need, not the difference.`
            }
            fullWidth
            margin="normal"
          />
          <TextField
            id="gpu-quota-request-justification"
            label="Justification"
            value={values.justification}
            onChange={set('justification')}
            error={!!errors.justification}
            helperText={
              errors.justification ??
              'What the GPUs are for, e.g. "fine-tune the support model on the new tickets before the release"'
            }
            multiline
            minRows={3}
            fullWidth
            margin="normal"
          />
          <Box display="flex" style={{ gap: 16 }}>
            <TextField
              id="gpu-quota-request-duration"
              type="number"
              label="Duration"
              value={values.duration}
              onChange={set('duration')}
              inputProps={{ min: 1, step: 1 }}
              error={!!errors.duration}
              helperText={errors.duration ?? 'How long you need them'}
              margin="normal"
              style={{ flex: 1 }}
            />
            <TextField
              id="gpu-quota-request-unit"
              select
              SelectProps={{ native: true }}
              label="Unit"
              value={values.unit}
              onChange={event =>
                setValues(v => ({
                  ...v,
                  unit: event.target.value as DurationUnit,
                }))
              }
              margin="normal"
            >
              <option value="days">days</option>
              <option value="weeks">weeks</option>
            </TextField>
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={submitting}
          >
            Submit request
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
