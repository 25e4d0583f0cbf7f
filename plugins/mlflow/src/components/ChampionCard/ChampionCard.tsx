import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ErrorState } from '@internal/plugin-mlp-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlflowApiRef } from '../../api';
import { mlflowRefs } from '../shared/annotations';
import { formatMetric, formatTime } from '../shared/format';

/** Metrics shown on the card: the run's first four, by name. */
const KEY_METRICS = 4;

/** The model card: which version is champion, its key metrics, when and by which run. */
export function ChampionCard() {
  const { entity } = useEntity();
  const { server, model } = mlflowRefs(entity);
  const api = useApi(mlflowApiRef);
  const card = useAsyncRetry(
    () => api.champion(server, model!),
    [api, server, model],
  );
  let body;
  if (card.error) {
    body = <ErrorState error={card.error} onRetry={card.retry} />;
  } else if (!card.value) {
    body = <Progress />;
  } else if (!card.value.champion) {
    body = (
      <Typography>
        No version of {model} has the champion alias yet. Set it in MLflow (
        <code>
          client.set_registered_model_alias("{model}", "champion", version)
        </code>
        ).
      </Typography>
    );
  } else {
    const c = card.value.champion;
    const metrics = Object.entries(c.run?.metrics ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .slice(0, KEY_METRICS);
    body = (
      <Table size="small" aria-label="Champion">
        <TableBody>
          <TableRow>
            <TableCell>Champion</TableCell>
            <TableCell>
              <Link to={c.uiUrl}>Version {c.version}</Link>
            </TableCell>
          </TableRow>
          {metrics.map(([k, v]) => (
            <TableRow key={k}>
              <TableCell>{k}</TableCell>
              <TableCell>{formatMetric(v)}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell>Registered</TableCell>
            <TableCell>{formatTime(c.creationTime)}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell>By run</TableCell>
            <TableCell>
              {c.run ? (
                <Link to={c.run.uiUrl}>{c.run.runName}</Link>
              ) : (
                c.runId ?? '—'
              )}
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
    );
  }
  return <InfoCard title="Model (MLflow)">{body}</InfoCard>;
}
