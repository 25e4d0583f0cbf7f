import { Link } from '@backstage/core-components';
import type { TeamRun } from '@internal/plugin-mlflow-common';
import {
  formatDuration,
  formatMoney,
  useReadableTables,
} from '@internal/plugin-mlp-react';
import Checkbox from '@material-ui/core/Checkbox';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { formatMetric, formatTime } from '../shared/format';

/** Times, durations and amounts stay on one line. */
const ONE_LINE = { whiteSpace: 'nowrap' } as const;

/**
 * The team's runs: which experiment, how each went, the chosen metric, and the GPU time and cost
 * of the job that made it ("—" for a run no portal job made).
 */
export function TeamRunsTable(props: {
  runs: TeamRun[];
  metric?: string;
  jobFigures: boolean;
  selected: Map<string, TeamRun>;
  onToggle: (run: TeamRun) => void;
}) {
  const classes = useReadableTables();
  return (
    <div className={classes.area}>
      <Table size="small" aria-label="Team runs">
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox" />
            <TableCell>Run</TableCell>
            <TableCell>Experiment</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Started</TableCell>
            <TableCell align="right">{props.metric ?? 'Metric'}</TableCell>
            {props.jobFigures && <TableCell align="right">GPU time</TableCell>}
            {props.jobFigures && <TableCell align="right">Cost</TableCell>}
            <TableCell>User</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.runs.map(run => (
            <TableRow key={run.runId} data-testid={`team-run-${run.runId}`}>
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
              <TableCell>{run.experimentName}</TableCell>
              <TableCell>{run.status}</TableCell>
              <TableCell style={ONE_LINE}>
                {formatTime(run.startTime)}
              </TableCell>
              <TableCell align="right">
                {props.metric ? formatMetric(run.metrics[props.metric]) : '—'}
              </TableCell>
              {props.jobFigures && (
                <TableCell align="right" style={ONE_LINE}>
                  {formatDuration(run.gpuSeconds)}
                </TableCell>
              )}
              {props.jobFigures && (
                <TableCell align="right" style={ONE_LINE}>
                  {run.cost === undefined
                    ? '—'
                    : formatMoney(run.cost, run.currency ?? '')}
                </TableCell>
              )}
              <TableCell>{run.user ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
