import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Link from '@material-ui/core/Link';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  CoderWorkspace,
  WorkspaceTransition,
} from '@internal/plugin-coder-common';
import { formatAgo, formatDateTime } from '@internal/plugin-mlp-react';
import { availableTransitions } from '../../lib/workspaceState';
import { TRANSITION_VERBS } from './ConfirmTransitionDialog';
import { WorkspaceStatusChip } from './WorkspaceStatusChip';

export const COLUMNS = 6;

/** Why the last action on a workspace failed, or why its status could not be refreshed. */
export type RowProblem = {
  message: string;
  severity: 'error' | 'warning';
  dismissible?: boolean;
};

/** One workspace: what it is, how it is, how to open it and what can be done with it. */
export function WorkspaceRow(props: {
  workspace: CoderWorkspace;
  busy: boolean;
  problem?: RowProblem;
  onDismissProblem: () => void;
  onTransition: (transition: WorkspaceTransition) => void;
}) {
  const { workspace: ws, busy, problem } = props;
  return (
    <>
      <TableRow data-testid={`workspace-${ws.name}`}>
        <TableCell>
          {/* A workspace name is one word: it never breaks at its hyphens. */}
          <Typography variant="body2" style={{ whiteSpace: 'nowrap' }}>
            {ws.name}
          </Typography>
        </TableCell>
        <TableCell>
          {ws.templateDisplayName || ws.template}
          {ws.outdated && (
            <Typography variant="caption" color="textSecondary" component="p">
              newer version available
            </Typography>
          )}
        </TableCell>
        <TableCell>
          <WorkspaceStatusChip state={ws.state} />
          {ws.state === 'failed' && ws.buildError && (
            <Typography variant="caption" color="error" component="p">
              {ws.buildError}
            </Typography>
          )}
        </TableCell>
        <TableCell title={formatDateTime(ws.lastUsedAt)}>
          {formatAgo(ws.lastUsedAt)}
        </TableCell>
        <TableCell>{ws.gpus ?? '—'}</TableCell>
        <TableCell>
          <Box
            display="flex"
            flexWrap="wrap"
            alignItems="center"
            style={{ gap: 8 }}
          >
            <Link href={ws.links.dashboard} target="_blank" rel="noopener">
              Open
            </Link>
            <Link href={ws.links.vscode}>VS Code</Link>
            {availableTransitions(ws.state).map(transition => (
              <Button
                key={transition}
                size="small"
                variant="outlined"
                color={transition === 'delete' ? 'secondary' : 'default'}
                disabled={busy}
                onClick={() => props.onTransition(transition)}
              >
                {TRANSITION_VERBS[transition]}
              </Button>
            ))}
          </Box>
        </TableCell>
      </TableRow>
      {problem && (
        <TableRow>
          <TableCell colSpan={COLUMNS}>
            <Alert
              severity={problem.severity}
              onClose={problem.dismissible ? props.onDismissProblem : undefined}
            >
              {problem.message}
            </Alert>
          </TableCell>
        </TableRow>
      )}
    </>
  );
}
