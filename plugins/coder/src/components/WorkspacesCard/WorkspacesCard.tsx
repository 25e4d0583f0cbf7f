import { useMemo } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ErrorState } from '@internal/plugin-mlp-react';
import { coderApiRef } from '../../api';
import { useCoderConnection } from '../../hooks/useCoderConnection';
import { workspaceScope } from '../../lib/workspaceScope';
import { ConnectForm } from '../ConnectForm';
import { ConnectionBar } from './ConnectionBar';
import { NotConfigured } from './NotConfigured';
import { WorkspacesSection } from './WorkspacesSection';

/**
 * The "Coder workspaces" card: on an ML project the user's workspaces for it, on a user page all
 * of the signed-in user's. Asks the user to connect Coder first.
 */
export function WorkspacesCard() {
  const { entity } = useEntity();
  const scope = useMemo(() => workspaceScope(entity), [entity]);
  const api = useApi(coderApiRef);
  const connection = useCoderConnection(api);

  let body;
  if (connection.error) {
    body = <ErrorState error={connection.error} onRetry={connection.reload} />;
  } else if (!connection.value) {
    body = <Progress />;
  } else if (connection.value.status === 'not-configured') {
    body = <NotConfigured message={connection.value.message} />;
  } else if (connection.value.status === 'not-connected') {
    body = (
      <ConnectForm connection={connection.value} onConnected={connection.set} />
    );
  } else {
    const { username, coderUrl } = connection.value;
    body = (
      <>
        <ConnectionBar
          username={username}
          coderUrl={coderUrl}
          onDisconnected={() =>
            connection.set({ status: 'not-connected', coderUrl })
          }
        />
        <WorkspacesSection scope={scope} onConnectionLost={connection.reload} />
      </>
    );
  }
  return (
    <InfoCard
      title="Coder workspaces"
      subheader={
        scope.kind === 'project'
          ? 'Your workspaces for this project'
          : 'All your workspaces'
      }
    >
      {body}
    </InfoCard>
  );
}
