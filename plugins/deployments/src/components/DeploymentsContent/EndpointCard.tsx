import type { Deployment, Endpoint } from '@internal/plugin-deployments-common';
import { Figures, formatAgo } from '@internal/plugin-mlp-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import CardHeader from '@material-ui/core/CardHeader';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { environmentTitle } from '../shared/labels';

/** The endpoint's state in a word, with its colour. */
export function endpointState(endpoint: Endpoint | undefined): {
  label: string;
  color: 'primary' | 'default' | 'secondary';
} {
  if (!endpoint?.exists) return { label: 'Not deployed', color: 'default' };
  if (endpoint.ready) return { label: 'Ready', color: 'primary' };
  return { label: 'Starting', color: 'secondary' };
}

/** One environment: what the cluster serves there, and what can be done about it. */
export function EndpointCard(props: {
  environment: Deployment['environment'];
  endpoint?: Endpoint;
  live?: Deployment;
  canDeploy: boolean;
  canRollBack: boolean;
  onDeploy: () => void;
  onRollBack: () => void;
}) {
  const { endpoint, live, environment } = props;
  const state = endpointState(endpoint);
  return (
    <Card variant="outlined" data-testid={`endpoint-${environment}`}>
      <CardHeader
        title={environmentTitle(environment)}
        titleTypographyProps={{ variant: 'h6', component: 'h3' }}
        action={<Chip size="small" color={state.color} label={state.label} />}
      />
      <CardContent>
        {endpoint?.exists ? (
          <>
            <Figures
              label={`${environmentTitle(environment)} endpoint`}
              figures={[
                {
                  label: 'Version served',
                  value: endpoint.versionServed
                    ? `v${endpoint.versionServed}`
                    : '–',
                },
                {
                  label: 'Ready replicas',
                  value: `${endpoint.readyReplicas} of ${endpoint.replicas}`,
                },
                { label: 'GPUs per replica', value: String(live?.gpus ?? 0) },
              ]}
            />
            <Box mt={1}>
              <Typography variant="body2" component="div">
                URL:{' '}
                {endpoint.url ? (
                  <Link href={endpoint.url} target="_blank" rel="noopener">
                    {endpoint.url}
                  </Link>
                ) : (
                  'not assigned yet'
                )}
              </Typography>
              {endpoint.message && (
                <Typography variant="body2" color="textSecondary">
                  {endpoint.message}
                </Typography>
              )}
              {live && (
                <Typography variant="body2" color="textSecondary">
                  Deployed {formatAgo(live.decidedAt ?? live.requestedAt)}
                  {live.alias ? ` from alias ${live.alias}` : ''}
                </Typography>
              )}
              <Typography variant="body2" color="textSecondary" component="div">
                {endpoint.pods.length === 0 ? (
                  'Pods: none yet'
                ) : (
                  <>
                    Pods:
                    <ul style={{ margin: 0, paddingLeft: 20 }}>
                      {endpoint.pods.map(p => (
                        <li key={p.name}>
                          {p.name}: {p.phase}
                          {p.node ? ` on ${p.node}` : ''}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </Typography>
            </Box>
          </>
        ) : (
          <Typography variant="body2" color="textSecondary">
            No version of this model serves in {environment}.
          </Typography>
        )}
        <Box mt={2} display="flex" style={{ gap: 8 }}>
          {props.canDeploy && (
            <Button
              variant="contained"
              color="primary"
              size="small"
              onClick={props.onDeploy}
            >
              Deploy to {environment}
            </Button>
          )}
          {props.canDeploy && props.canRollBack && (
            <Button variant="outlined" size="small" onClick={props.onRollBack}>
              Roll back
            </Button>
          )}
        </Box>
      </CardContent>
    </Card>
  );
}
