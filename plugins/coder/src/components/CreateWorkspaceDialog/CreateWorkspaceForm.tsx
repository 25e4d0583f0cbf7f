import { type FormEvent, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import type { CoderTemplateSummary } from '@internal/plugin-coder-common';
import { ActionError } from '@internal/plugin-mlp-react';
import Button from '@material-ui/core/Button';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { coderApiRef } from '../../api';
import { isUnauthorized } from '../../lib/errors';
import { CREATE_TITLE_ID, type CreateWorkspaceDialogProps } from './types';
import {
  type CreateFormErrors,
  type CreateFormValues,
  gpuBounds,
  initialValues,
  validateCreateForm,
} from './createForm';

/**
 * The create form. The name is checked against Coder's rule before anything is sent; whatever
 * the server still refuses (quota, budget, a taken name) is shown here word for word, and the
 * form keeps what the user typed.
 */
export function CreateWorkspaceForm(
  props: CreateWorkspaceDialogProps & { templates: CoderTemplateSummary[] },
) {
  const { templates, team, repoUrl, onClose } = props;
  const api = useApi(coderApiRef);
  const [values, setValues] = useState<CreateFormValues>(() =>
    initialValues(templates, props.template),
  );
  const [errors, setErrors] = useState<CreateFormErrors>({});
  const [serverError, setServerError] = useState<unknown>(undefined);
  const [submitting, setSubmitting] = useState(false);

  const template = templates.find(t => t.name === values.template);
  const bounds = gpuBounds(template);
  const missingTemplate =
    props.template && !templates.some(t => t.name === props.template);

  const chooseTemplate = (name: string) => {
    const chosen = templates.find(t => t.name === name);
    setValues(v => ({
      ...v,
      template: name,
      gpus: String(gpuBounds(chosen)?.defaultValue ?? 0),
    }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validateCreateForm(values, templates, { team, repoUrl });
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setServerError(undefined);
    setSubmitting(true);
    try {
      props.onCreated(await api.createWorkspace(checked.request));
    } catch (e) {
      if (isUnauthorized(e)) {
        props.onUnauthorized();
        return;
      }
      setServerError(e);
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <DialogTitle id={CREATE_TITLE_ID}>Create workspace</DialogTitle>
      <DialogContent>
        {serverError !== undefined && <ActionError error={serverError} />}
        {missingTemplate && (
          <Alert severity="warning">
            The project's template {props.template} is not one Coder offers you:
            choose another.
          </Alert>
        )}
        <TextField
          id="coder-create-template"
          select
          SelectProps={{ native: true }}
          label="Template"
          value={values.template}
          onChange={e => chooseTemplate(e.target.value)}
          error={!!errors.template}
          helperText={errors.template ?? template?.description}
          fullWidth
          margin="normal"
        >
          <option value="" disabled>
            Select…
          </option>
          {templates.map(t => (
            <option key={t.name} value={t.name}>
              {t.displayName || t.name}
            </option>
          ))}
        </TextField>
        <TextField
          id="coder-create-name"
          label="Name"
          value={values.name}
          onChange={e => setValues(v => ({ ...v, name: e.target.value }))}
          error={!!errors.name}
          helperText={
            errors.name ?? 'Letters, digits and hyphens, e.g. bert-gpu-1'
          }
          fullWidth
          margin="normal"
        />
        {bounds ? (
          <TextField
            id="coder-create-gpus"
            type="number"
            label="GPUs"
            value={values.gpus}
            onChange={e => setValues(v => ({ ...v, gpus: e.target.value }))}
            inputProps={{ min: bounds.min, max: bounds.max, step: 1 }}
            error={!!errors.gpus}
            helperText={
              errors.gpus ??
              `${bounds.min} to ${
                bounds.max ?? 'any number'
              }; they count against ${team}'s GPU quota and budget while it runs`
            }
            fullWidth
            margin="normal"
          />
        ) : (
          template && (
            <Typography variant="body2" color="textSecondary" paragraph>
              This template has no GPU parameter: the workspace gets no GPUs.
            </Typography>
          )
        )}
        <Typography variant="body2" component="p">
          Repository: {repoUrl ?? 'none (the project names no repository)'}
        </Typography>
        {repoUrl && template && !template.repoParameter && (
          <Typography variant="caption" color="textSecondary" component="p">
            This template does not clone a repository.
          </Typography>
        )}
        <Typography variant="body2" component="p">
          Team: {team}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          type="submit"
          color="primary"
          variant="contained"
          disabled={submitting}
        >
          Create
        </Button>
      </DialogActions>
    </form>
  );
}
