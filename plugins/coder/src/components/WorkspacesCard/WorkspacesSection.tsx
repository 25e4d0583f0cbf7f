import { useEffect } from 'react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { ErrorState } from '@internal/plugin-mlp-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { coderApiRef } from '../../api';
import { isUnauthorized } from '../../lib/errors';
import { scopeFilter, type WorkspaceScope } from '../../lib/workspaceScope';
import { NotConfigured } from './NotConfigured';
import { WorkspaceList } from './WorkspaceList';

/** Loads the workspaces of the card's scope, then shows them live. */
export function WorkspacesSection(props: {
  scope: WorkspaceScope;
  onConnectionLost: () => void;
}) {
  const { scope, onConnectionLost } = props;
  const api = useApi(coderApiRef);
  const { repoUrl, template } = scopeFilter(scope);
  const answer = useAsyncRetry(
    () => api.listWorkspaces({ repoUrl, template }),
    [api, repoUrl, template],
  );
  const lost =
    answer.value?.status === 'not-connected' || isUnauthorized(answer.error);

  useEffect(() => {
    if (lost) {
      onConnectionLost();
    }
  }, [lost, onConnectionLost]);

  const value = answer.value;
  if (lost || answer.loading) {
    return <Progress />;
  }
  if (answer.error) {
    return <ErrorState error={answer.error} onRetry={answer.retry} />;
  }
  if (value?.status === 'not-configured') {
    return <NotConfigured message={value.message} />;
  }
  if (value?.status !== 'ok') {
    return <Progress />;
  }
  return (
    <WorkspaceList
      initial={value.workspaces}
      scope={scope}
      onConnectionLost={onConnectionLost}
    />
  );
}
