import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  errorMessage,
  afterLoad,
  entityPagePath,
  HomeCard,
  LoadedContent,
} from '@internal/plugin-mlp-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlflowApiRef } from '../../api';
import { mlflowRefs } from '../shared/annotations';
import { formatDuration, formatStarted } from '../shared/format';
import { type ExperimentRuns, newestRuns, type RecentRun } from './recentRuns';
import { useTeamComponents } from './useTeamModels';

/** How many runs the card shows, and how many it asks each experiment for. */
export const RECENT_RUNS = 8;
const PER_EXPERIMENT = 5;

type Recent = { runs: RecentRun[]; failed: string[]; experiments: number };

/**
 * Home: the newest MLflow runs of the experiments the user's teams' catalog components name,
 * whoever started them.
 */
export function RecentRunsCard(props: { teams: string[] }) {
  const api = useApi(mlflowApiRef);
  const components = useTeamComponents(props.teams);
  const runs = useAsyncRetry(async (): Promise<Recent | undefined> => {
    if (!components.value) {
      return undefined;
    }
    const withExperiment = components.value.flatMap(entity => {
      const { server, experiment } = mlflowRefs(entity);
      return experiment ? [{ entity, server, experiment }] : [];
    });
    const answers = await Promise.allSettled(
      withExperiment.map(async ({ entity, server, experiment }) => {
        const page = await api.runs({
          server,
          experiment,
          orderBy: 'attributes.start_time DESC',
          pageSize: PER_EXPERIMENT,
        });
        return {
          experiment,
          entityName: entity.metadata.name,
          runs: page.runs,
        } as ExperimentRuns;
      }),
    );
    const pages = answers.flatMap(a =>
      a.status === 'fulfilled' ? [a.value] : [],
    );
    const failed = answers.flatMap((a, i) =>
      a.status === 'rejected'
        ? [`${withExperiment[i].experiment}: ${errorMessage(a.reason)}`]
        : [],
    );
    if (pages.length === 0 && failed.length > 0) {
      throw answers.find(a => a.status === 'rejected')!.reason;
    }
    return {
      runs: newestRuns(pages, RECENT_RUNS),
      failed,
      experiments: withExperiment.length,
    };
  }, [api, components.value]);
  const state = afterLoad(components, runs);

  return (
    <HomeCard
      title="Recent MLflow runs"
      subheader="Newest runs of your teams' experiments"
    >
      <LoadedContent
        state={state}
        isEmpty={v => v.runs.length === 0 && v.failed.length === 0}
        empty={
          state.value?.experiments
            ? 'No runs yet in your teams\u2019 experiments. Runs logged with mlflow.start_run() show here.'
            : 'None of your teams\u2019 catalog components names an MLflow experiment (the mlflow.org/experiment-name annotation).'
        }
      >
        {v => (
          <>
            <Table size="small" aria-label="Recent MLflow runs">
              <TableHead>
                <TableRow>
                  <TableCell>Run</TableCell>
                  <TableCell>Experiment</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell>Started</TableCell>
                  <TableCell>Duration</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {v.runs.map(r => (
                  <TableRow key={r.runId} data-testid={`recent-run-${r.runId}`}>
                    <TableCell>
                      <Link to={r.uiUrl}>{r.runName}</Link>
                    </TableCell>
                    <TableCell>
                      <Link
                        to={entityPagePath(
                          { kind: 'component', name: r.entityName },
                          'mlflow',
                        )}
                      >
                        {r.experiment}
                      </Link>
                    </TableCell>
                    <TableCell>{r.status}</TableCell>
                    <TableCell>{formatStarted(r.startTime)}</TableCell>
                    <TableCell>{formatDuration(r.durationMs)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {v.failed.length > 0 && (
              <Typography variant="caption" color="error" component="p">
                Not read: {v.failed.join('; ')}
              </Typography>
            )}
          </>
        )}
      </LoadedContent>
    </HomeCard>
  );
}
