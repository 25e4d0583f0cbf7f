import { Link } from '@backstage/core-components';
import type { RunSummary } from '@internal/plugin-mlflow-common';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { formatDuration, formatMetric, formatTime } from '../shared/format';
import type { ColumnChoice } from './columns';
import { TruncatedText } from './TruncatedText';

/** Widest a value is drawn before it is cut with an ellipsis, in pixels. */
const MAX_WIDTH = { run: 240, user: 160, key: 160, param: 180, tag: 200 };

const useStyles = makeStyles(theme => ({
  // The table scrolls sideways in here rather than widening the page.
  scroller: { overflowX: 'auto', maxWidth: '100%' },
  // Headers never break inside a word: a long key is cut like a long value.
  head: { whiteSpace: 'nowrap' },
  nowrap: { whiteSpace: 'nowrap' },
  run: { minWidth: 160 },
  status: { minWidth: 96 },
  started: { minWidth: 150 },
  duration: { minWidth: 88 },
  user: { minWidth: 120 },
  value: { minWidth: 72 },
  tags: { minWidth: 120 },
  group: { borderLeft: `1px solid ${theme.palette.divider}` },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  chip: { maxWidth: MAX_WIDTH.tag },
}));

function tagsOf(run: RunSummary): string[] {
  return Object.entries(run.tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
}

/**
 * A page of runs: what each run was, how it went, and the chosen metrics and parameters, one
 * column each. Long values are cut with an ellipsis and shown whole on hover.
 */
export function RunsTable(props: {
  runs: RunSummary[];
  columns: ColumnChoice;
  selected: Map<string, RunSummary>;
  onToggle: (run: RunSummary) => void;
}) {
  const classes = useStyles();
  const { metrics, params } = props.columns;
  const grouped = metrics.length + params.length > 0;
  const rowSpan = grouped ? 2 : 1;
  const head = (extra: string) => `${classes.head} ${extra}`;
  return (
    <div className={classes.scroller}>
      <Table size="small" aria-label="Runs">
        <TableHead>
          <TableRow>
            <TableCell
              padding="checkbox"
              rowSpan={rowSpan}
              className={classes.head}
            />
            <TableCell rowSpan={rowSpan} className={head(classes.run)}>
              Run
            </TableCell>
            <TableCell rowSpan={rowSpan} className={head(classes.status)}>
              Status
            </TableCell>
            <TableCell rowSpan={rowSpan} className={head(classes.started)}>
              Started
            </TableCell>
            <TableCell rowSpan={rowSpan} className={head(classes.duration)}>
              Duration
            </TableCell>
            <TableCell rowSpan={rowSpan} className={head(classes.user)}>
              User
            </TableCell>
            {metrics.length > 0 && (
              <TableCell
                colSpan={metrics.length}
                scope="colgroup"
                className={head(classes.group)}
              >
                Metrics
              </TableCell>
            )}
            {params.length > 0 && (
              <TableCell
                colSpan={params.length}
                scope="colgroup"
                className={head(classes.group)}
              >
                Parameters
              </TableCell>
            )}
            <TableCell rowSpan={rowSpan} className={head(classes.tags)}>
              Tags
            </TableCell>
          </TableRow>
          {grouped && (
            <TableRow>
              {metrics.map((k, i) => (
                <TableCell
                  key={`metric-${k}`}
                  align="right"
                  className={head(
                    `${classes.value} ${i === 0 ? classes.group : ''}`,
                  )}
                >
                  <TruncatedText text={k} maxWidth={MAX_WIDTH.key} />
                </TableCell>
              ))}
              {params.map((k, i) => (
                <TableCell
                  key={`param-${k}`}
                  className={head(
                    `${classes.value} ${i === 0 ? classes.group : ''}`,
                  )}
                >
                  <TruncatedText text={k} maxWidth={MAX_WIDTH.key} />
                </TableCell>
              ))}
            </TableRow>
          )}
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
              <TableCell className={classes.nowrap}>
                <Link to={run.uiUrl}>
                  <TruncatedText text={run.runName} maxWidth={MAX_WIDTH.run} />
                </Link>
              </TableCell>
              <TableCell className={classes.nowrap}>{run.status}</TableCell>
              <TableCell className={classes.nowrap}>
                {formatTime(run.startTime)}
              </TableCell>
              <TableCell className={classes.nowrap}>
                {formatDuration(run.durationMs)}
              </TableCell>
              <TableCell className={classes.nowrap}>
                {run.user ? (
                  <TruncatedText text={run.user} maxWidth={MAX_WIDTH.user} />
                ) : (
                  '—'
                )}
              </TableCell>
              {metrics.map(k => (
                <TableCell
                  key={`metric-${k}`}
                  align="right"
                  className={classes.nowrap}
                >
                  {formatMetric(run.metrics[k])}
                </TableCell>
              ))}
              {params.map(k => (
                <TableCell key={`param-${k}`} className={classes.nowrap}>
                  {run.params[k] === undefined ? (
                    '—'
                  ) : (
                    <TruncatedText
                      text={run.params[k]}
                      maxWidth={MAX_WIDTH.param}
                    />
                  )}
                </TableCell>
              ))}
              <TableCell>
                <div className={classes.chips}>
                  {tagsOf(run).map(t => (
                    <Chip
                      key={t}
                      label={t}
                      title={t}
                      size="small"
                      className={classes.chip}
                    />
                  ))}
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
