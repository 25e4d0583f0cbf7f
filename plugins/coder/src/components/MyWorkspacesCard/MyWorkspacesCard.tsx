import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  CoderWorkspace,
  WorkspacesAnswer,
} from '@internal/plugin-coder-common';
import { formatAgo, HomeCard, LoadedContent } from '@internal/plugin-mlp-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { coderApiRef } from '../../api';
import { NotConfigured } from '../WorkspacesCard/NotConfigured';
import { WorkspaceStatusChip } from '../WorkspacesCard/WorkspaceStatusChip';

function WorkspacesList(props: { workspaces: CoderWorkspace[] }) {
  return (
    <Table size="small" aria-label="My workspaces">
      <TableHead>
        <TableRow>
          <TableCell>Workspace</TableCell>
          <TableCell>Template</TableCell>
          <TableCell>State</TableCell>
          <TableCell>GPUs</TableCell>
          <TableCell>Last used</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.workspaces.map(w => (
          <TableRow key={w.id} data-testid={`my-workspace-${w.name}`}>
            <TableCell>
              <Link to={w.links.dashboard}>{w.name}</Link>
            </TableCell>
            <TableCell>{w.templateDisplayName || w.template}</TableCell>
            <TableCell>
              <WorkspaceStatusChip state={w.state} />
            </TableCell>
            <TableCell>{w.gpus ?? '—'}</TableCell>
            <TableCell>{formatAgo(w.lastUsedAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Answer(props: { answer: WorkspacesAnswer }) {
  const { answer } = props;
  if (answer.status === 'not-configured') {
    return <NotConfigured message={answer.message} />;
  }
  if (answer.status === 'not-connected') {
    return (
      <Typography variant="body2">
        {answer.rejected
          ? `Coder no longer accepts the token you connected with (${answer.rejected.message}). `
          : 'Your Coder account is not connected to the portal yet. '}
        Connect it in the Coder workspaces card of any model's page; your
        workspaces then show here.
      </Typography>
    );
  }
  return <WorkspacesList workspaces={answer.workspaces} />;
}

/** Home: the signed-in user's Coder workspaces, whatever model they were started for. */
export function MyWorkspacesCard() {
  const api = useApi(coderApiRef);
  const state = useAsyncRetry(() => api.listWorkspaces(), [api]);
  const answer = state.value;
  return (
    <HomeCard
      title="My workspaces"
      subheader="Coder workspaces you own"
      link={
        answer && answer.status !== 'not-configured'
          ? { to: `${answer.coderUrl}/workspaces`, label: 'Open Coder' }
          : undefined
      }
    >
      <LoadedContent
        state={state}
        isEmpty={a => a.status === 'ok' && a.workspaces.length === 0}
        empty="You have no workspace yet. Start one from a model's page: its Coder workspaces card creates one with the model's repository and GPUs."
      >
        {a => <Answer answer={a} />}
      </LoadedContent>
    </HomeCard>
  );
}
