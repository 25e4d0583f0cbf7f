import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { ErrorState } from '@internal/plugin-mlp-react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { coderApiRef } from '../../api';
import { CreateWorkspaceForm } from './CreateWorkspaceForm';
import { CREATE_TITLE_ID, type CreateWorkspaceDialogProps } from './types';

/** Creates a workspace for the project: the templates load first, then the form opens. */
export function CreateWorkspaceDialog(props: CreateWorkspaceDialogProps) {
  const api = useApi(coderApiRef);
  const templates = useAsyncRetry(() => api.listTemplates(), [api]);

  let body;
  if (templates.error) {
    body = (
      <DialogContent>
        <ErrorState error={templates.error} onRetry={templates.retry} />
      </DialogContent>
    );
  } else if (!templates.value) {
    body = (
      <DialogContent>
        <Progress />
      </DialogContent>
    );
  } else if (templates.value.length === 0) {
    body = (
      <DialogContent>
        <Typography>
          Coder has no templates you may use. Ask the platform team to give you
          access to one.
        </Typography>
      </DialogContent>
    );
  }
  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby={CREATE_TITLE_ID}
      fullWidth
    >
      {body ? (
        <>
          <DialogTitle id={CREATE_TITLE_ID}>Create workspace</DialogTitle>
          {body}
          <DialogActions>
            <Button onClick={props.onClose}>Cancel</Button>
          </DialogActions>
        </>
      ) : (
        <CreateWorkspaceForm {...props} templates={templates.value!} />
      )}
    </Dialog>
  );
}
