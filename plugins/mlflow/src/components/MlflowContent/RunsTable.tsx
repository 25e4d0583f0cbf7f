import { Link } from '@backstage/core-components';
import type { RunSummary } from '@internal/plugin-mlflow-common';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { formatDuration, formatMetric, formatTime } from '../shared/format';

function pairs<T>(
  record: Record<string, T>,
  format: (value: T) => string = String,
): string[] {
  return Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${format(v)}`);
}

/** A page of runs: what each run was, how it went, what it measured. */
export function RunsTable(props: {
  runs: RunSummary[];
  selected: Map<string, RunSummary>;
  onToggle: (run: RunSummary) => void;
}) {
  return (
    <Table size="small" aria-label="Runs">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox" />
          <TableCell>Run</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Started</TableCell>
          <TableCell>Duration</TableCell>
          <TableCell>User</TableCell>
          <TableCell>Parameters</TableCell>
          <TableCell>Latest metrics</TableCell>
          <TableCell>Tags</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.runs.map(run => (
          <TableRow key={run.runId} selected={props.selected.has(run.runId)}>
            <TableCell padding="checkbox">
              <Checkbox
                checked={props.selected.has(run.runId)}
                onChange={() => props.onToggle(run)}
                inputProps={{ 'aria-label': `Select ${run.runName}` }}
              />
            </TableCell>
            <TableCell>
              <Link to={run.uiUrl}>{run.runName}</Link>
            </TableCell>
            <TableCell>{run.status}</TableCell>
            <TableCell>{formatTime(run.startTime)}</TableCell>
            <TableCell>{formatDuration(run.durationMs)}</TableCell>
            <TableCell>{run.user ?? '—'}</TableCell>
            <TableCell>{pairs(run.params).join(', ')}</TableCell>
            <TableCell>{pairs(run.metrics, formatMetric).join(', ')}</TableCell>
            <TableCell>
              {pairs(run.tags).map(t => (
                <Chip key={t} label={t} size="small" />
              ))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
