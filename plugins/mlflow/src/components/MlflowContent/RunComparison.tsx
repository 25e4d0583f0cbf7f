import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { RunSummary } from '@internal/plugin-mlflow-common';
import { ErrorState } from '@internal/plugin-mlp-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { mlflowApiRef } from '../../api';

const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
];

/**
 * The selected runs side by side: one metric's history for each run in one chart, and their
 * parameters in a table where the ones that differ stand out.
 */
export function RunComparison(props: {
  server?: string;
  runs: RunSummary[];
  onClose: () => void;
}) {
  const api = useApi(mlflowApiRef);
  const keys = [
    ...new Set(props.runs.flatMap(r => Object.keys(r.metrics))),
  ].sort();
  const [metric, setMetric] = useState(keys[0] ?? '');
  const histories = useAsyncRetry(
    () =>
      Promise.all(
        props.runs
          .filter(r => metric in r.metrics)
          .map(r => api.metricHistory(props.server, r.runId, metric)),
      ),
    [api, props.server, props.runs, metric],
  );
  const names = new Map(props.runs.map(r => [r.runId, r.runName]));
  // One row per step, a column per run.
  const rows = new Map<number, Record<string, number>>();
  for (const h of histories.value ?? []) {
    for (const p of h.points) {
      const row = rows.get(p.step) ?? { step: p.step };
      row[names.get(h.runId)!] = p.value;
      rows.set(p.step, row);
    }
  }
  const data = [...rows.values()].sort((a, b) => a.step - b.step);
  const paramKeys = [
    ...new Set(props.runs.flatMap(r => Object.keys(r.params))),
  ].sort();

  let chart;
  if (keys.length === 0) {
    chart = <Typography>The selected runs logged no metrics.</Typography>;
  } else if (histories.error) {
    chart = <ErrorState error={histories.error} onRetry={histories.retry} />;
  } else if (!histories.value) {
    chart = <Progress />;
  } else {
    chart = (
      <figure aria-label={`History of ${metric}`} style={{ margin: 0 }}>
        <ResponsiveContainer width="100%" height={300}>
          <LineChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="step"
              label={{ value: 'step', position: 'insideBottom', offset: -2 }}
            />
            <YAxis />
            <Tooltip />
            <Legend />
            {(histories.value ?? []).map((h, i) => (
              <Line
                key={h.runId}
                dataKey={names.get(h.runId)!}
                stroke={COLORS[i % COLORS.length]}
                isAnimationActive={false}
                dot
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
    );
  }

  return (
    <Box p={2} borderTop={1} borderColor="divider">
      <Box display="flex" alignItems="center" gridGap={16} mb={2}>
        <Typography variant="h6">
          {props.runs.length > 1
            ? `Comparing ${props.runs.length} runs`
            : `Metrics of ${props.runs[0].runName}`}
        </Typography>
        {keys.length > 0 && (
          <TextField
            id="mlflow-metric"
            select
            label="Metric"
            value={metric}
            onChange={e => setMetric(e.target.value)}
          >
            {keys.map(k => (
              <MenuItem key={k} value={k}>
                {k}
              </MenuItem>
            ))}
          </TextField>
        )}
        <Box flexGrow={1} />
        <Button onClick={props.onClose}>Close</Button>
      </Box>
      {chart}
      {props.runs.length > 1 && paramKeys.length > 0 && (
        <Table size="small" aria-label="Parameters of the selected runs">
          <TableHead>
            <TableRow>
              <TableCell>Parameter</TableCell>
              {props.runs.map(r => (
                <TableCell key={r.runId}>{r.runName}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {paramKeys.map(k => {
              const values = props.runs.map(r => r.params[k]);
              const differs = new Set(values).size > 1;
              return (
                <TableRow key={k} data-differs={differs}>
                  <TableCell>
                    {differs ? <strong>{k} (differs)</strong> : k}
                  </TableCell>
                  {values.map((v, i) => (
                    <TableCell key={props.runs[i].runId}>{v ?? '—'}</TableCell>
                  ))}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
