import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { ErrorState } from '@internal/plugin-mlp-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlflowApiRef } from '../../api';
import { formatMetric, formatTime } from '../shared/format';

/** The registered model: its versions with aliases, and MLflow 3 logged models. */
export function ModelVersions(props: { server?: string; model: string }) {
  const api = useApi(mlflowApiRef);
  const model = useAsyncRetry(
    () => api.model(props.server, props.model),
    [api, props.server, props.model],
  );
  let body;
  if (model.error) {
    body = <ErrorState error={model.error} onRetry={model.retry} />;
  } else if (!model.value) {
    body = <Progress />;
  } else {
    const m = model.value;
    // Stages only where the server still uses them.
    const stages = m.versions.some(v => v.stage);
    body = (
      <>
        {m.description && (
          <Box p={2}>
            <Typography>{m.description}</Typography>
          </Box>
        )}
        <Table size="small" aria-label="Model versions">
          <TableHead>
            <TableRow>
              <TableCell>Version</TableCell>
              <TableCell>Aliases</TableCell>
              <TableCell>Status</TableCell>
              {stages && <TableCell>Stage</TableCell>}
              <TableCell>Source run</TableCell>
              <TableCell>Registered</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {m.versions.length === 0 && (
              <TableRow>
                <TableCell colSpan={stages ? 6 : 5}>
                  No versions registered yet.
                </TableCell>
              </TableRow>
            )}
            {m.versions.map(v => (
              <TableRow key={v.version}>
                <TableCell>
                  <Link to={v.uiUrl}>Version {v.version}</Link>
                </TableCell>
                <TableCell>
                  {v.aliases.map(a => (
                    <Chip
                      key={a}
                      label={a}
                      size="small"
                      color={a === 'champion' ? 'primary' : 'default'}
                    />
                  ))}
                </TableCell>
                <TableCell>{v.status ?? '—'}</TableCell>
                {stages && <TableCell>{v.stage ?? '—'}</TableCell>}
                <TableCell>{v.runId ?? '—'}</TableCell>
                <TableCell>{formatTime(v.creationTime)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {m.loggedModels.length > 0 && (
          <Box mt={2}>
            <Typography variant="subtitle2" style={{ padding: '0 16px' }}>
              Logged models (MLflow 3)
            </Typography>
            <Table size="small" aria-label="Logged models">
              <TableHead>
                <TableRow>
                  <TableCell>Model id</TableCell>
                  <TableCell>Name</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell>Source run</TableCell>
                  <TableCell>Metrics</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {m.loggedModels.map(l => (
                  <TableRow key={l.modelId}>
                    <TableCell>{l.modelId}</TableCell>
                    <TableCell>{l.name}</TableCell>
                    <TableCell>{l.status ?? '—'}</TableCell>
                    <TableCell>{l.sourceRunId ?? '—'}</TableCell>
                    <TableCell>
                      {Object.entries(l.metrics)
                        .sort(([a], [b]) => a.localeCompare(b))
                        .map(([k, v]) => `${k}=${formatMetric(v)}`)
                        .join(', ')}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </>
    );
  }
  return (
    <InfoCard title={`Registered model ${props.model}`} noPadding>
      {body}
    </InfoCard>
  );
}
