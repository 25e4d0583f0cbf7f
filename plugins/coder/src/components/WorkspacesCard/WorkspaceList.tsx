import { useCallback, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  CoderWorkspace,
  CreatedWorkspace,
  WorkspaceTransition,
} from '@internal/plugin-coder-common';
import { errorMessage, formatMoney } from '@internal/plugin-mlp-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { coderApiRef } from '../../api';
import { useWorkspacePolling } from '../../hooks/useWorkspacePolling';
import { isUnauthorized } from '../../lib/errors';
import type { WorkspaceScope } from '../../lib/workspaceScope';
import { CreateWorkspaceDialog } from '../CreateWorkspaceDialog';
import { ConfirmTransitionDialog } from './ConfirmTransitionDialog';
import { CreateAction } from './CreateAction';
import type { RowProblem } from './WorkspaceRow';
import { WorkspacesTable } from './WorkspacesTable';

type Pending = { workspace: CoderWorkspace; transition: WorkspaceTransition };

function createdNotice({ workspace, reservation }: CreatedWorkspace) {
  const reserved = reservation
    ? ` About ${formatMoney(
        reservation.estimate,
        reservation.currency,
      )} of the team's budget is reserved for it.`
    : '';
  return `Workspace ${workspace.name} is being created.${reserved}`;
}

/**
 * The loaded workspaces, kept live: builds in progress are polled, and start, stop, delete and
 * create update the list with what Coder answers.
 */
export function WorkspaceList(props: {
  initial: CoderWorkspace[];
  scope: WorkspaceScope;
  onConnectionLost: () => void;
}) {
  const { scope, onConnectionLost } = props;
  const api = useApi(coderApiRef);
  const [workspaces, setWorkspaces] = useState(() =>
    props.initial.filter(w => w.state !== 'deleted'),
  );
  const [confirming, setConfirming] = useState<Pending>();
  const [busyIds, setBusyIds] = useState<string[]>([]);
  const [actionErrors, setActionErrors] = useState<Record<string, string>>({});
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string>();

  const remove = useCallback(
    (id: string) => setWorkspaces(list => list.filter(w => w.id !== id)),
    [],
  );
  const put = useCallback((ws: CoderWorkspace) => {
    setWorkspaces(list =>
      ws.state === 'deleted'
        ? list.filter(w => w.id !== ws.id)
        : list.map(w => (w.id === ws.id ? ws : w)),
    );
  }, []);
  const { failures } = useWorkspacePolling({
    workspaces,
    fetchWorkspace: id => api.getWorkspace(id),
    onUpdate: put,
    onGone: remove,
  });

  const setActionError = (id: string, message?: string) =>
    setActionErrors(current => {
      const next = { ...current };
      delete next[id];
      return message ? { ...next, [id]: message } : next;
    });

  const run = async ({ workspace, transition }: Pending) => {
    setConfirming(undefined);
    setActionError(workspace.id);
    setBusyIds(ids => [...ids, workspace.id]);
    try {
      const team =
        scope.kind === 'project' && 'team' in scope.team
          ? scope.team.team
          : undefined;
      put(await api.buildWorkspace(workspace.id, transition, team));
    } catch (e) {
      if (isUnauthorized(e)) {
        onConnectionLost();
        return;
      }
      setActionError(
        workspace.id,
        `Could not ${transition} ${workspace.name}: ${errorMessage(e)}`,
      );
    } finally {
      setBusyIds(ids => ids.filter(id => id !== workspace.id));
    }
  };

  const created = (result: CreatedWorkspace) => {
    setCreating(false);
    setWorkspaces(list => [
      result.workspace,
      ...list.filter(w => w.id !== result.workspace.id),
    ]);
    setNotice(createdNotice(result));
  };

  const problems: Record<string, RowProblem> = {};
  Object.entries(failures).forEach(([id, e]) => {
    problems[id] = {
      message: `Could not refresh the status: ${errorMessage(e)}`,
      severity: 'warning',
    };
  });
  Object.entries(actionErrors).forEach(([id, message]) => {
    problems[id] = { message, severity: 'error', dismissible: true };
  });

  return (
    <>
      <CreateAction scope={scope} onCreate={() => setCreating(true)} />
      {notice && (
        <Box my={1}>
          <Alert severity="success" onClose={() => setNotice(undefined)}>
            {notice}
          </Alert>
        </Box>
      )}
      {workspaces.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {scope.kind === 'project'
            ? 'You have no workspaces for this project yet.'
            : 'You have no Coder workspaces yet.'}
        </Typography>
      ) : (
        <WorkspacesTable
          workspaces={workspaces}
          busyIds={busyIds}
          problems={problems}
          onDismissProblem={id => setActionError(id)}
          onTransition={(workspace, transition) =>
            setConfirming({ workspace, transition })
          }
        />
      )}
      {confirming && (
        <ConfirmTransitionDialog
          workspace={confirming.workspace}
          transition={confirming.transition}
          onConfirm={() => run(confirming)}
          onCancel={() => setConfirming(undefined)}
        />
      )}
      {creating && scope.kind === 'project' && 'team' in scope.team && (
        <CreateWorkspaceDialog
          team={scope.team.team}
          repoUrl={scope.repoUrl}
          template={scope.template}
          onClose={() => setCreating(false)}
          onCreated={created}
          onUnauthorized={onConnectionLost}
        />
      )}
    </>
  );
}
