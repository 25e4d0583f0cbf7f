import type { AuditEvent } from '@internal/plugin-deployments-common';
import { formatDateTime, userName } from '@internal/plugin-mlp-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { actionLabel, environmentTitle } from './labels';

/** Words stay whole: the theme lets table cells break anywhere, which a narrow column did. */
const whole = { wordBreak: 'normal', overflowWrap: 'normal' } as const;

/**
 * A model's deployment audit trail, newest first: every request, approval, rejection, deploy,
 * replacement and rollback, with who did it. The Deployments tab shows it in full; the model
 * card, a narrow column, as `compact` (the change in one cell).
 */
export function HistoryTable(props: {
  events: AuditEvent[];
  label: string;
  compact?: boolean;
}) {
  const events = [...props.events].reverse();
  if (props.compact) {
    return (
      <Table size="small" aria-label={props.label}>
        <TableHead>
          <TableRow>
            <TableCell style={whole}>When</TableCell>
            <TableCell style={whole}>Change</TableCell>
            <TableCell style={whole}>By</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {events.map(e => (
            <TableRow key={e.id}>
              <TableCell style={whole}>{formatDateTime(e.at)}</TableCell>
              <TableCell style={whole}>
                {actionLabel[e.action]}: {environmentTitle(e.environment)}, v
                {e.version}
                {e.detail && (
                  <Typography
                    variant="body2"
                    color="textSecondary"
                    component="div"
                  >
                    {e.detail}
                  </Typography>
                )}
              </TableCell>
              <TableCell style={whole}>{userName(e.actor)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>Environment</TableCell>
          <TableCell>Version</TableCell>
          <TableCell>What</TableCell>
          <TableCell>By</TableCell>
          <TableCell>Detail</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.map(e => (
          <TableRow key={e.id}>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(e.at)}
            </TableCell>
            <TableCell>{environmentTitle(e.environment)}</TableCell>
            <TableCell>v{e.version}</TableCell>
            <TableCell>{actionLabel[e.action]}</TableCell>
            <TableCell>{userName(e.actor)}</TableCell>
            <TableCell>{e.detail ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
