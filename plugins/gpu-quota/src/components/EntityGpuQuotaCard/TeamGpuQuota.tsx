import { type ReactNode, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Link } from '@backstage/core-components';
import { Progress, useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { gpuQuotaApiRef } from '../../api';
import { Freshness } from '../shared/Freshness';
import { ErrorState } from '@internal/plugin-mlp-react';
import { NotConfiguredState } from '../shared/states';
import { RequestMoreGpusDialog } from './RequestMoreGpusDialog';
import { ResourceUsageList } from './ResourceUsageList';
import { TeamRequestsList } from './TeamRequestsList';
import { WorkloadsTable } from './WorkloadsTable';

/** Where a team without a quota gets one: the onboarding template on the templates page. */
export const ONBOARDING_PATH = '/create';

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box mt={3}>
      <Typography variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/** One team's GPU quota: figures, open requests, the pods holding GPUs, and asking for more. */
export function TeamGpuQuota(props: { team: string }) {
  const { team } = props;
  const api = useApi(gpuQuotaApiRef);
  const quota = useAsyncRetry(() => api.getTeamQuota(team), [api, team]);
  const requests = useAsyncRetry(
    async () =>
      (await api.listRequests({ team })).filter(
        r => r.status === 'pending' || r.status === 'approved',
      ),
    [api, team],
  );
  const me = useAsync(() => api.getMe(), [api]);
  const [asking, setAsking] = useState(false);

  if (quota.error) {
    return <ErrorState error={quota.error} onRetry={quota.retry} />;
  }
  const answer = quota.value;
  if (!answer) {
    return <Progress />;
  }
  if (answer.status === 'not-configured') {
    return <NotConfiguredState message={answer.message} />;
  }
  if (answer.status === 'no-quota') {
    return (
      <Alert severity="info">
        <Typography variant="subtitle2" component="p">
          This team has no GPU quota yet: onboard it
        </Typography>
        <Typography variant="body2" paragraph>
          {answer.message}
        </Typography>
        <Link to={ONBOARDING_PATH}>Onboard the team with a template</Link>
      </Alert>
    );
  }

  const { quota: teamQuota, fetchedAt } = answer;
  return (
    <>
      <Box display="flex" justifyContent="space-between" alignItems="center">
        <Freshness fetchedAt={fetchedAt} />
        <Button
          color="primary"
          variant="contained"
          onClick={() => setAsking(true)}
          disabled={teamQuota.resources.length === 0}
        >
          Request more GPUs
        </Button>
      </Box>
      <Box mt={2}>
        <ResourceUsageList resources={teamQuota.resources} />
      </Box>
      <Section title="Requests">
        {requests.error && (
          <ErrorState error={requests.error} onRetry={requests.retry} />
        )}
        {!requests.error && !requests.value && <Progress />}
        {requests.value && (
          <TeamRequestsList
            requests={requests.value}
            me={me.value}
            onCancel={async id => {
              await api.cancelRequest(id);
              requests.retry();
            }}
          />
        )}
      </Section>
      <Section title="Workloads holding GPUs">
        <WorkloadsTable workloads={teamQuota.workloads} />
      </Section>
      {asking && (
        <RequestMoreGpusDialog
          team={team}
          resources={teamQuota.resources}
          onClose={() => setAsking(false)}
          onSubmitted={() => {
            setAsking(false);
            quota.retry();
            requests.retry();
          }}
        />
      )}
    </>
  );
}
