import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ENVIRONMENTS,
  type DeployRequest,
  type Environment,
} from '@internal/plugin-deployments-common';
import { MLFLOW_MODEL_ANNOTATION } from '@internal/plugin-mlflow-common';
import { ActionError, ErrorState } from '@internal/plugin-mlp-react';
import Alert from '@material-ui/lab/Alert';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import CardHeader from '@material-ui/core/CardHeader';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deploymentsApiRef } from '../../api';
import { HistoryTable } from '../shared/HistoryTable';
import { DeployDialog } from './DeployDialog';
import { EndpointCard } from './EndpointCard';
import { LineageCard } from './LineageCard';
import { PendingApprovals } from './PendingApprovals';

/** How often the tab looks again while an endpoint is starting. */
export const FOLLOW_MS = 3_000;

/**
 * The Deployments tab of a model: its staging and production endpoints as the cluster serves
 * them, deploy and roll back, production approvals, the lineage of the served version and the
 * audit trail.
 */
export function DeploymentsContent() {
  const { entity } = useEntity();
  const model = entity.metadata.annotations?.[MLFLOW_MODEL_ANNOTATION];
  if (!model) {
    return (
      <Alert severity="info">
        This entity names no registered model (annotation{' '}
        {MLFLOW_MODEL_ANNOTATION}), so it has nothing to deploy.
      </Alert>
    );
  }
  return <ModelDeploymentsView model={model} />;
}

export function ModelDeploymentsView(props: { model: string }) {
  const { model } = props;
  const api = useApi(deploymentsApiRef);
  const identity = useApi(identityApiRef);
  const me = useAsync(
    async () => (await identity.getBackstageIdentity()).userEntityRef,
    [identity],
  );
  const state = useAsyncRetry(async () => {
    const [view, events] = await Promise.all([
      api.getModel(model),
      api.getAudit(model),
    ]);
    const lineage =
      view.deployments.length > 0
        ? await api.getLineage(model).catch(() => undefined)
        : undefined;
    return { view, events, lineage };
  }, [api, model]);
  const [dialog, setDialog] = useState<Environment>();
  const [actionError, setActionError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();

  const { retry } = state;
  const following = state.value?.view.endpoints.some(
    e => e.exists && (!e.ready || e.readyReplicas < e.replicas),
  );
  useEffect(() => {
    if (!following) return undefined;
    const timer = setTimeout(retry, FOLLOW_MS);
    return () => clearTimeout(timer);
  }, [following, retry, state.value]);

  if (state.loading && !state.value) return <LinearProgress />;
  if (state.error && !state.value)
    return <ErrorState error={state.error} onRetry={retry} />;
  const { view, events, lineage } = state.value!;
  const live = (env: Environment) =>
    view.deployments.find(d => d.environment === env && d.status === 'live');
  const canRollBack = (env: Environment) =>
    Boolean(live(env)) &&
    view.deployments.some(
      d =>
        d.environment === env &&
        d.status === 'superseded' &&
        d.version !== live(env)!.version,
    );
  const act = async (what: () => Promise<string>) => {
    setActionError(undefined);
    setNotice(undefined);
    try {
      setNotice(await what());
      retry();
    } catch (e) {
      setActionError(e);
    }
  };
  const deploy = async (request: DeployRequest) => {
    const { deployment } = await api.deploy(request);
    setDialog(undefined);
    setNotice(
      deployment.status === 'pending-approval'
        ? `Version ${deployment.version} waits for approval by a platform keeper or ${view.team}'s lead.`
        : `Version ${deployment.version} is deploying to ${deployment.environment}.`,
    );
    retry();
  };

  return (
    <Grid container spacing={2}>
      {notice && (
        <Grid item xs={12}>
          <Alert severity="success">{notice}</Alert>
        </Grid>
      )}
      {actionError !== undefined && (
        <Grid item xs={12}>
          <ActionError error={actionError} />
        </Grid>
      )}
      {!view.canDeploy && (
        <Grid item xs={12}>
          <Alert severity="info">
            {model} belongs to {view.team}: its members deploy it.
          </Alert>
        </Grid>
      )}
      {ENVIRONMENTS.map(env => (
        <Grid item xs={12} md={6} key={env}>
          <EndpointCard
            environment={env}
            endpoint={view.endpoints.find(e => e.environment === env)}
            live={live(env)}
            canDeploy={view.canDeploy}
            canRollBack={canRollBack(env)}
            onDeploy={() => setDialog(env)}
            onRollBack={() =>
              act(async () => {
                const { deployment } = await api.rollback(model, env);
                return `Rolled back: version ${deployment.version} serves ${env} again.`;
              })
            }
          />
        </Grid>
      ))}
      <Grid item xs={12}>
        <PendingApprovals
          pending={view.deployments.filter(
            d => d.status === 'pending-approval',
          )}
          canApprove={view.canApprove}
          me={me.value}
          onApprove={id =>
            act(async () => {
              const { deployment } = await api.approve(id);
              return `Approved: version ${deployment.version} is deploying to production.`;
            })
          }
          onReject={(id, reason) =>
            act(async () => {
              await api.reject(id, reason);
              return 'Rejected.';
            })
          }
        />
      </Grid>
      {lineage && (
        <Grid item xs={12}>
          <LineageCard lineage={lineage} jobsPath="/jobs" />
        </Grid>
      )}
      <Grid item xs={12}>
        <Card variant="outlined">
          <CardHeader
            title="Deployment history"
            titleTypographyProps={{ variant: 'h6', component: 'h3' }}
          />
          <CardContent>
            {events.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                {model} has not been deployed from the portal yet.
              </Typography>
            ) : (
              <Box overflow="auto">
                <HistoryTable
                  events={events}
                  label={`Deployment history of ${model}`}
                />
              </Box>
            )}
          </CardContent>
        </Card>
      </Grid>
      {dialog && (
        <DeployDialog
          model={model}
          environment={dialog}
          maxReplicas={view.maxReplicas}
          onClose={() => setDialog(undefined)}
          onDeploy={deploy}
        />
      )}
    </Grid>
  );
}
