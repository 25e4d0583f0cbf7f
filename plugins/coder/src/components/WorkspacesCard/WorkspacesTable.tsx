import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type {
  CoderWorkspace,
  WorkspaceTransition,
} from '@internal/plugin-coder-common';
import { type RowProblem, WorkspaceRow } from './WorkspaceRow';

/** The user's workspaces, one row each, with their actions. */
export function WorkspacesTable(props: {
  workspaces: CoderWorkspace[];
  busyIds: string[];
  problems: Record<string, RowProblem>;
  onDismissProblem: (id: string) => void;
  onTransition: (
    workspace: CoderWorkspace,
    transition: WorkspaceTransition,
  ) => void;
}) {
  return (
    <Table size="small" aria-label="Coder workspaces">
      <TableHead>
        <TableRow>
          {['Name', 'Template', 'Status', 'Last used', 'GPUs', 'Actions'].map(
            heading => (
              <TableCell key={heading} style={{ whiteSpace: 'nowrap' }}>
                {heading}
              </TableCell>
            ),
          )}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.workspaces.map(ws => (
          <WorkspaceRow
            key={ws.id}
            workspace={ws}
            busy={props.busyIds.includes(ws.id)}
            problem={props.problems[ws.id]}
            onDismissProblem={() => props.onDismissProblem(ws.id)}
            onTransition={transition => props.onTransition(ws, transition)}
          />
        ))}
      </TableBody>
    </Table>
  );
}
