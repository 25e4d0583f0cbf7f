import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ModelOverview } from '@internal/plugin-mlflow-common';
import { ErrorState } from '@internal/plugin-mlp-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlflowApiRef } from '../../api';
import { AliasVersion } from './AliasVersion';
import { NoChampion } from './NoChampion';

const SIDE_BY_SIDE = ['champion', 'challenger'];

/** The aliases of an overview: champion and challenger side by side, the others listed. */
function RegistryAliases(props: { overview: ModelOverview }) {
  const { overview } = props;
  const shown = overview.aliases.filter(a => SIDE_BY_SIDE.includes(a.alias));
  const others = overview.aliases.filter(a => !SIDE_BY_SIDE.includes(a.alias));
  return (
    <>
      {!shown.some(a => a.alias === 'champion') && (
        <NoChampion model={overview.model} />
      )}
      <Grid container spacing={2}>
        {shown.map(entry => (
          <Grid item xs={12} sm={6} key={entry.alias}>
            <AliasVersion entry={entry} keyMetric={overview.keyMetric} />
          </Grid>
        ))}
      </Grid>
      {others.length > 0 && (
        <Typography variant="body2" data-testid="other-aliases">
          Other aliases:{' '}
          {others.map((a, i) => (
            <span key={a.alias}>
              {i > 0 && ', '}
              {a.alias} →{' '}
              <Link to={a.modelVersion.uiUrl}>
                version {a.modelVersion.version}
              </Link>
            </span>
          ))}
        </Typography>
      )}
    </>
  );
}

/**
 * What MLflow's registry says about a model, live: loading, the backend's reason when it
 * fails, how to name a champion when there is none, else champion and challenger.
 */
export function RegistryOverview(props: { server?: string; model: string }) {
  const { server, model } = props;
  const api = useApi(mlflowApiRef);
  const state = useAsyncRetry(
    () => api.overview(server, model),
    [api, server, model],
  );
  if (state.error) {
    return <ErrorState error={state.error} onRetry={state.retry} />;
  }
  if (!state.value) {
    return <Progress />;
  }
  return <RegistryAliases overview={state.value} />;
}
