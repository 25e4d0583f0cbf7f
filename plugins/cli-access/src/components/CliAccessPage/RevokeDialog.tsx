import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import type { CliSession } from '@internal/plugin-cli-access-common';
import { describeSession } from './describe';
import { userName } from '@internal/plugin-mlp-react';

const TITLE_ID = 'cli-access-revoke-title';

/** Asks before revoking, saying what stops working and for whom. */
export function RevokeDialog(props: {
  session: CliSession;
  mine: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { session, mine, onConfirm, onCancel } = props;
  return (
    <Dialog open onClose={onCancel} aria-labelledby={TITLE_ID}>
      <DialogTitle id={TITLE_ID}>
        Revoke {describeSession(session)}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {mine
            ? 'It stops working at once: its next command says the login was revoked. Log in again there with mlp login.'
            : `It stops working at once for ${userName(
                session.userEntityRef,
              )}, who has to log in again with mlp login.`}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button onClick={onConfirm} color="secondary" variant="contained">
          Revoke
        </Button>
      </DialogActions>
    </Dialog>
  );
}
