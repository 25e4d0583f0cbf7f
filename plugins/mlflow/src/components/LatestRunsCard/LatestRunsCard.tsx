import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { Link } from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { RunSummary } from '@internal/plugin-mlflow-common';
import {
  entityPagePath,
  HomeCard,
  LoadedContent,
} from '@internal/plugin-mlp-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlflowApiRef } from '../../api';
import { mlflowRefs } from '../shared/annotations';
import { formatDuration, formatMetric, formatStarted } from '../shared/format';

/** How many runs the card shows. */
export const LATEST_RUNS = 5;

type Latest = { runs: RunSummary[]; keyMetric?: string };

/**
 * The model page's latest runs of its experiment, with the registry's key metric when the model
 * is registered; the MLflow tab has all of them.
 */
export function LatestRunsCard() {
  const { entity } = useEntity();
  const { server, experiment, model } = mlflowRefs(entity);
  const api = useApi(mlflowApiRef);
  const state = useAsyncRetry(async (): Promise<Latest> => {
    const [page, overview] = await Promise.all([
      api.runs({
        server,
        experiment: experiment!,
        orderBy: 'attributes.start_time DESC',
        pageSize: LATEST_RUNS,
      }),
      model ? api.overview(server, model).catch(() => undefined) : undefined,
    ]);
    return { runs: page.runs, keyMetric: overview?.keyMetric };
  }, [api, server, experiment, model]);
  const key = state.value?.keyMetric;

  return (
    <HomeCard
      title="Latest runs"
      subheader={experiment}
      link={{
        to: entityPagePath(getCompoundEntityRef(entity), 'mlflow'),
        label: 'All runs and comparisons',
      }}
    >
      <LoadedContent
        state={state}
        isEmpty={v => v.runs.length === 0}
        empty={`No runs in ${experiment} yet. Runs logged with mlflow.start_run() under this experiment show here.`}
      >
        {v => (
          <Table size="small" aria-label="Latest runs">
            <TableHead>
              <TableRow>
                <TableCell>Run</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Started</TableCell>
                <TableCell>Duration</TableCell>
                {key && <TableCell>{key}</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {v.runs.map(r => (
                <TableRow key={r.runId} data-testid={`latest-run-${r.runId}`}>
                  <TableCell>
                    <Link to={r.uiUrl}>{r.runName}</Link>
                  </TableCell>
                  <TableCell>{r.status}</TableCell>
                  <TableCell>{formatStarted(r.startTime)}</TableCell>
                  <TableCell>{formatDuration(r.durationMs)}</TableCell>
                  {key && <TableCell>{formatMetric(r.metrics[key])}</TableCell>}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </LoadedContent>
    </HomeCard>
  );
}
