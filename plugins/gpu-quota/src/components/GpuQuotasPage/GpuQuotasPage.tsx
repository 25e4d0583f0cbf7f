import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Content, Link } from '@backstage/core-components';
import { Progress, useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { gpuQuotaApiRef } from '../../api';
import { Freshness } from '../shared/Freshness';
import { ErrorState } from '@internal/plugin-mlp-react';
import { NotConfiguredState } from '../shared/states';
import { QuotaRequestsSection } from './QuotaRequestsSection';
import { TeamsTable } from './TeamsTable';

function TeamsOverview(props: { overview: ReturnType<typeof useOverview> }) {
  const { overview } = props;
  if (overview.error) {
    return <ErrorState error={overview.error} onRetry={overview.retry} />;
  }
  const answer = overview.value;
  if (!answer) {
    return <Progress />;
  }
  if (answer.status === 'not-configured') {
    return <NotConfiguredState message={answer.message} />;
  }
  return (
    <>
      <Freshness fetchedAt={answer.fetchedAt} />
      {answer.teams.length === 0 ? (
        <Box mt={1}>
          <Alert severity="info">
            <Typography variant="subtitle2" component="p">
              No team has a GPU quota yet
            </Typography>
            <Link to="/create">Onboard a team with a template</Link>
          </Alert>
        </Box>
      ) : (
        <TeamsTable teams={answer.teams} />
      )}
    </>
  );
}

function useOverview() {
  const api = useApi(gpuQuotaApiRef);
  return useAsyncRetry(() => api.getOverview(), [api]);
}

/** Every team's GPU quota and the requests for more, for teams and platform keepers. */
export function GpuQuotasPage() {
  const overview = useOverview();
  return (
    <Content>
      <Typography variant="h5" component="h2" gutterBottom>
        Teams
      </Typography>
      <TeamsOverview overview={overview} />
      <QuotaRequestsSection onDecided={overview.retry} />
    </Content>
  );
}
