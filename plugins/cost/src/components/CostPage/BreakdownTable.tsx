import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { CostLine } from '@internal/plugin-cost-common';
import { formatPercent } from '@internal/plugin-mlp-react';
import { formatGpuHours, formatMoney } from '../shared/format';

/**
 * One breakdown of a summary (by project, model, user or GPU type), most expensive first; with
 * `utilization`, each line's average GPU utilization, idle GPU-hours and idle cost too ("–" for a
 * line Prometheus has no samples of).
 */
export function BreakdownTable(props: {
  label: string;
  keyTitle: string;
  lines: CostLine[];
  currency: string;
  /** What the hours column counts (default GPU-hours). */
  hoursTitle?: string;
  /** Show the utilization columns. */
  utilization?: boolean;
}) {
  const { label, keyTitle, lines, currency } = props;
  const hoursTitle = props.hoursTitle ?? 'GPU-hours';
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>{keyTitle}</TableCell>
          <TableCell align="right">{hoursTitle}</TableCell>
          <TableCell align="right">Cost</TableCell>
          {props.utilization && (
            <>
              <TableCell align="right">Avg util.</TableCell>
              <TableCell align="right">Idle GPU-h</TableCell>
              <TableCell align="right">Idle cost</TableCell>
            </>
          )}
        </TableRow>
      </TableHead>
      <TableBody>
        {lines.length === 0 && (
          <TableRow>
            <TableCell colSpan={props.utilization ? 6 : 3}>
              <Typography variant="body2" color="textSecondary">
                {props.hoursTitle ? 'Nothing' : 'No GPU time'} in this range
              </Typography>
            </TableCell>
          </TableRow>
        )}
        {lines.map(line => (
          <TableRow key={line.key}>
            <TableCell>{line.key}</TableCell>
            <TableCell align="right">{formatGpuHours(line.gpuHours)}</TableCell>
            <TableCell align="right">
              {formatMoney(line.cost, currency)}
            </TableCell>
            {props.utilization && (
              <>
                <TableCell align="right">
                  {line.utilization
                    ? formatPercent(line.utilization.averagePercent)
                    : '–'}
                </TableCell>
                <TableCell align="right">
                  {line.utilization
                    ? line.utilization.idleGpuHours.toFixed(2)
                    : '–'}
                </TableCell>
                <TableCell align="right">
                  {line.utilization?.idleCost !== undefined
                    ? formatMoney(line.utilization.idleCost, currency)
                    : '–'}
                </TableCell>
              </>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
