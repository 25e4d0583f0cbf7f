import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { InfoCard } from '@backstage/core-components';
import { Progress, useApi } from '@backstage/frontend-plugin-api';
import type {
  CreatedServiceToken,
  ServiceToken,
} from '@internal/plugin-cli-access-common';
import {
  ActionError,
  ErrorState,
  formatAgo,
  formatDateTime,
  useReadableTables,
  userName,
} from '@internal/plugin-mlp-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cliAccessApiRef } from '../../api';
import { useRevoke } from '../useRevoke';
import { CreateServiceTokenDialog } from './CreateServiceTokenDialog';

/**
 * Platform keepers' service tokens for automation (CI pipelines): each acts as one catalog
 * user; made here, shown once, listed with when last used, revoked here.
 */
export function ServiceTokensCard() {
  const api = useApi(cliAccessApiRef);
  const classes = useReadableTables();
  const list = useAsyncRetry(() => api.listServiceTokens(), [api]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedServiceToken>();
  const { asked, setAsked, revoked, setRevoked, failure, revoke } = useRevoke(
    (token: ServiceToken) => api.revokeServiceToken(token.id),
    list.retry,
  );

  let body;
  if (list.error) {
    body = <ErrorState error={list.error} onRetry={list.retry} />;
  } else if (!list.value) {
    body = <Progress />;
  } else if (list.value.length === 0) {
    body = (
      <Typography color="textSecondary">
        No service token yet. Make one for a pipeline that submits jobs.
      </Typography>
    );
  } else {
    body = (
      <div className={classes.area}>
        <Table size="small" aria-label="Service tokens">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Acts as</TableCell>
              <TableCell>Made by</TableCell>
              <TableCell>Last used</TableCell>
              <TableCell>Expires</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {list.value.map(t => (
              <TableRow key={t.id} data-testid={`service-token-${t.id}`}>
                <TableCell>{t.name}</TableCell>
                <TableCell>{userName(t.userEntityRef)}</TableCell>
                <TableCell title={formatDateTime(t.createdAt)}>
                  {userName(t.createdBy)}
                </TableCell>
                <TableCell>
                  {t.lastUsedAt ? formatAgo(t.lastUsedAt) : 'never'}
                </TableCell>
                <TableCell>{formatDateTime(t.expiresAt)}</TableCell>
                <TableCell align="right">
                  <Button
                    size="small"
                    variant="outlined"
                    onClick={() => setAsked(t)}
                  >
                    Revoke
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    );
  }

  return (
    <InfoCard
      title="Service tokens for automation"
      subheader="For CI pipelines: each acts as one service account of the catalog"
      action={
        <Button
          color="primary"
          variant="contained"
          onClick={() => setCreating(true)}
        >
          New service token
        </Button>
      }
    >
      {created && (
        <Box mb={2}>
          <Alert severity="success" onClose={() => setCreated(undefined)}>
            Copy this token into the pipeline's secrets now as MLP_SERVICE_TOKEN
            (with MLP_PORTAL_URL); it is not shown again:
            <Box component="pre" my={1} style={{ whiteSpace: 'pre-wrap' }}>
              <code data-testid="new-service-token">{created.token}</code>
            </Box>
          </Alert>
        </Box>
      )}
      {revoked && (
        <Box mb={2}>
          <Alert severity="success" onClose={() => setRevoked(undefined)}>
            Revoked the service token {revoked.name}: it stops working at once.
          </Alert>
        </Box>
      )}
      {failure !== undefined && <ActionError error={failure} />}
      {body}
      {asked && (
        <Dialog
          open
          onClose={() => setAsked(undefined)}
          aria-labelledby="cli-access-revoke-token-title"
        >
          <DialogTitle id="cli-access-revoke-token-title">
            Revoke the service token {asked.name}?
          </DialogTitle>
          <DialogContent>
            <DialogContentText>
              Whatever uses it fails from its next call on (exit code 3 in mlp).
              Make a new token first if the pipeline must go on.
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setAsked(undefined)}>Cancel</Button>
            <Button
              onClick={() => revoke(asked)}
              color="secondary"
              variant="contained"
            >
              Revoke
            </Button>
          </DialogActions>
        </Dialog>
      )}
      {creating && (
        <CreateServiceTokenDialog
          onCreate={request => api.createServiceToken(request)}
          onCreated={made => {
            setCreating(false);
            setCreated(made);
            list.retry();
          }}
          onCancel={() => setCreating(false)}
        />
      )}
    </InfoCard>
  );
}
