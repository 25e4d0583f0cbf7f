import { useState } from 'react';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Content, InfoCard } from '@backstage/core-components';
import {
  identityApiRef,
  Progress,
  useApi,
} from '@backstage/frontend-plugin-api';
import type { CliSession } from '@internal/plugin-cli-access-common';
import { ActionError, ErrorState, userName } from '@internal/plugin-mlp-react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cliAccessApiRef } from '../../api';
import { describeSession } from './describe';
import { RevokeDialog } from './RevokeDialog';
import { ServiceTokensCard } from '../ServiceTokensCard';
import { SessionsTable } from './SessionsTable';
import { useRevoke } from '../useRevoke';

/**
 * The command-line logins that act as the user (mlp, and any other OAuth client of the
 * portal), and revoking them; platform keepers may switch to everyone's.
 */
export function CliAccessPage() {
  const api = useApi(cliAccessApiRef);
  const identityApi = useApi(identityApiRef);
  const me = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  const [all, setAll] = useState(false);
  const list = useAsyncRetry(() => api.listSessions({ all }), [api, all]);
  const { asked, setAsked, revoked, setRevoked, failure, revoke } = useRevoke(
    (session: CliSession) => api.revokeSession(session.id),
    list.retry,
  );

  let body;
  if (list.error) {
    body = <ErrorState error={list.error} onRetry={list.retry} />;
  } else if (!list.value) {
    body = <Progress />;
  } else if (list.value.sessions.length === 0) {
    body = (
      <Typography color="textSecondary">
        {all
          ? 'Nobody is logged in from a command line.'
          : 'You have no command-line login. Run mlp login in a terminal to make one.'}
      </Typography>
    );
  } else {
    body = (
      <SessionsTable
        sessions={list.value.sessions}
        showUser={all}
        onRevoke={setAsked}
      />
    );
  }

  return (
    <Content>
      <Box mb={2} maxWidth={900}>
        <Typography>
          Each command-line login acts as its user, with their permissions,
          until it ends or is revoked. A login ends 30 days after it was last
          used, and a year after it was made at the latest. Log in with{' '}
          <code>mlp login</code>; revoke a login you no longer use or a computer
          you lost.
        </Typography>
      </Box>
      {revoked && (
        <Box mb={2}>
          <Alert severity="success" onClose={() => setRevoked(undefined)}>
            Revoked {describeSession(revoked)}
            {revoked.userEntityRef !== me.value
              ? ` of ${userName(revoked.userEntityRef)}`
              : ''}
            : it stops working at once.
          </Alert>
        </Box>
      )}
      {failure !== undefined && <ActionError error={failure} />}
      <InfoCard
        title={
          all ? "Everyone's command-line logins" : 'Your command-line logins'
        }
        action={
          all || list.value?.mayManageAll ? (
            <FormControlLabel
              control={
                <Switch
                  checked={all}
                  onChange={e => setAll(e.target.checked)}
                  color="primary"
                />
              }
              label="Everyone's (platform keepers)"
            />
          ) : undefined
        }
      >
        {body}
      </InfoCard>
      {(all || list.value?.mayManageAll) && (
        <Box mt={3}>
          <ServiceTokensCard />
        </Box>
      )}
      {asked && (
        <RevokeDialog
          session={asked}
          mine={asked.userEntityRef === me.value}
          onConfirm={() => revoke(asked)}
          onCancel={() => setAsked(undefined)}
        />
      )}
    </Content>
  );
}
