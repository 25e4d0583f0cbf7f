import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { RunSummary } from '@internal/plugin-mlflow-common';
import { ErrorState } from '@internal/plugin-mlp-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlflowApiRef } from '../../api';
import { ColumnChooser } from './ColumnChooser';
import { keysOf } from './columns';
import { RunComparison } from './RunComparison';
import { RunsTable } from './RunsTable';
import { useColumnChoice } from './useColumnChoice';

const PAGE_SIZES = [10, 25, 50, 100];

/**
 * One page of the experiment's runs at a time (MLflow's page tokens), with MLflow's own filter
 * syntax, a sort order and a page size; runs selected on any page can be compared. Which metrics
 * and parameters get a column is chosen per experiment (ColumnChooser, useColumnChoice).
 */
export function RunsSection(props: { server?: string; experiment: string }) {
  const api = useApi(mlflowApiRef);
  const [draft, setDraft] = useState('');
  const [filter, setFilter] = useState('');
  const [orderBy, setOrderBy] = useState('attributes.start_time DESC');
  const [pageSize, setPageSize] = useState(25);
  // Tokens of the pages seen so far: the last one is the current page's.
  const [tokens, setTokens] = useState<Array<string | undefined>>([undefined]);
  const [selected, setSelected] = useState<Map<string, RunSummary>>(new Map());
  const [comparing, setComparing] = useState(false);

  const page = useAsyncRetry(
    () =>
      api.runs({
        server: props.server,
        experiment: props.experiment,
        filter: filter || undefined,
        orderBy,
        pageSize,
        pageToken: tokens[tokens.length - 1],
      }),
    [api, props.server, props.experiment, filter, orderBy, pageSize, tokens],
  );

  const restart = () => setTokens([undefined]);
  const runs = page.value?.runs ?? [];
  const metricKeys = keysOf(runs, 'metrics');
  const paramKeys = keysOf(runs, 'params');
  const columns = useColumnChoice({
    server: props.server,
    experiment: props.experiment,
    metricKeys,
    paramKeys,
  });
  const toggle = (run: RunSummary) =>
    setSelected(current => {
      const next = new Map(current);
      if (next.has(run.runId)) next.delete(run.runId);
      else next.set(run.runId, run);
      return next;
    });

  let body;
  if (page.error) {
    body = <ErrorState error={page.error} onRetry={page.retry} />;
  } else if (!page.value) {
    body = <Progress />;
  } else if (page.value.runs.length === 0) {
    body = (
      <Alert severity="info">
        {filter
          ? `No runs of ${props.experiment} match the filter ${filter}.`
          : `${props.experiment} has no runs yet.`}
      </Alert>
    );
  } else {
    body = (
      <RunsTable
        runs={page.value.runs}
        columns={columns.shown}
        selected={selected}
        onToggle={toggle}
      />
    );
  }

  return (
    <InfoCard title={`Runs of ${props.experiment}`} noPadding>
      <Box
        p={2}
        display="flex"
        flexWrap="wrap"
        gridGap={16}
        alignItems="flex-start"
      >
        <Box
          component="form"
          display="flex"
          gridGap={8}
          flexGrow={1}
          onSubmit={e => {
            e.preventDefault();
            setFilter(draft.trim());
            restart();
          }}
        >
          <TextField
            id="mlflow-filter"
            label="Filter"
            value={draft}
            onChange={e => setDraft(e.target.value)}
            placeholder="metrics.val_loss < 0.1 and params.lr = '0.01'"
            helperText="MLflow's search syntax: metrics., params., tags., attributes."
            fullWidth
          />
          <Box pt={1}>
            <Button type="submit" variant="outlined">
              Apply
            </Button>
          </Box>
        </Box>
        <TextField
          id="mlflow-order"
          select
          label="Sort by"
          value={orderBy}
          onChange={e => {
            setOrderBy(e.target.value);
            restart();
          }}
        >
          <MenuItem value="attributes.start_time DESC">Newest first</MenuItem>
          <MenuItem value="attributes.start_time ASC">Oldest first</MenuItem>
          {metricKeys.flatMap(k => [
            <MenuItem key={`${k}-asc`} value={`metrics.${k} ASC`}>
              {k} ascending
            </MenuItem>,
            <MenuItem key={`${k}-desc`} value={`metrics.${k} DESC`}>
              {k} descending
            </MenuItem>,
          ])}
          {!orderBy.startsWith('attributes.') &&
            !metricKeys.some(k => orderBy.startsWith(`metrics.${k} `)) && (
              <MenuItem value={orderBy}>{orderBy}</MenuItem>
            )}
        </TextField>
        <TextField
          id="mlflow-page-size"
          select
          label="Per page"
          value={pageSize}
          onChange={e => {
            setPageSize(Number(e.target.value));
            restart();
          }}
        >
          {PAGE_SIZES.map(n => (
            <MenuItem key={n} value={n}>
              {n}
            </MenuItem>
          ))}
        </TextField>
        <Box pt={1}>
          <ColumnChooser
            available={{ metrics: metricKeys, params: paramKeys }}
            shown={columns.shown}
            chosen={columns.chosen}
            onToggle={columns.toggle}
            onReset={columns.reset}
          />
        </Box>
      </Box>
      {body}
      <Box p={2} display="flex" alignItems="center" gridGap={8}>
        <Button
          disabled={tokens.length <= 1}
          onClick={() => setTokens(t => t.slice(0, -1))}
        >
          Previous page
        </Button>
        <Typography variant="body2">Page {tokens.length}</Typography>
        <Button
          disabled={!page.value?.nextPageToken}
          onClick={() => setTokens(t => [...t, page.value!.nextPageToken])}
        >
          Next page
        </Button>
        <Box flexGrow={1} />
        {selected.size > 0 && (
          <Button onClick={() => setSelected(new Map())}>
            Clear selection
          </Button>
        )}
        <Button
          variant="contained"
          color="primary"
          disabled={selected.size === 0}
          onClick={() => setComparing(true)}
        >
          {selected.size > 1
            ? `Compare ${selected.size} runs`
            : 'Show metric charts'}
        </Button>
      </Box>
      {comparing && selected.size > 0 && (
        <RunComparison
          server={props.server}
          runs={[...selected.values()]}
          onClose={() => setComparing(false)}
        />
      )}
    </InfoCard>
  );
}
