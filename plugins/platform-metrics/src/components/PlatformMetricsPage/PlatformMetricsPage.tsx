import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { Content, InfoCard } from '@backstage/core-components';
import { Progress, useApi } from '@backstage/frontend-plugin-api';
import { METRICS_WINDOWS } from '@internal/plugin-platform-metrics-common';
import Alert from '@material-ui/lab/Alert';
import {
  DownloadButton,
  ErrorState,
  errorMessage,
  Figures,
  formatDateTime,
  responseStatus,
} from '@internal/plugin-mlp-react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { platformMetricsApiRef } from '../../api';
import { overallFigures } from './describe';
import { NewUsersTable } from './NewUsersTable';
import { TeamsTable } from './TeamsTable';
import { WeeklyChart } from './WeeklyChart';

const DEFAULT_DAYS = 30;

/**
 * Platform keepers' view of how the platform is used: jobs, GPU-hours, queue wait, adoption
 * and time to first job over 7, 30 or 90 days, overall, per week and per team, with a CSV.
 */
export function PlatformMetricsPage() {
  const api = useApi(platformMetricsApiRef);
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('days'));
  const days = (METRICS_WINDOWS as readonly number[]).includes(asked)
    ? asked
    : DEFAULT_DAYS;
  const metrics = useAsyncRetry(() => api.summary(days), [api, days]);

  // Refused (not a platform keeper): say so, without controls that cannot help.
  if (responseStatus(metrics.error) === 403) {
    return (
      <Content>
        <Alert severity="info">
          {errorMessage(metrics.error)}. Ask the platform team for the figures
          you need.
        </Alert>
      </Content>
    );
  }

  let body;
  if (metrics.error) {
    body = <ErrorState error={metrics.error} onRetry={metrics.retry} />;
  } else if (!metrics.value) {
    body = <Progress />;
  } else {
    const m = metrics.value;
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard
            title={`The last ${m.days} days`}
            subheader={`${formatDateTime(m.from)} to ${formatDateTime(
              m.to,
            )}: jobs submitted in this window, from the portal's own records`}
          >
            <Figures label="Overall" figures={overallFigures(m)} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Per week">
            {m.overall.submitted === 0 ? (
              <Typography color="textSecondary">
                No job was submitted in this window.
              </Typography>
            ) : (
              <WeeklyChart weeks={m.weeks} />
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title="By team"
            subheader="Adoption: the team's people (service accounts left out) who had a job running"
          >
            <TeamsTable teams={m.teams} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title="Time to first training job"
            subheader="People who signed in for the first time in this window: from then until a job of theirs first ran on a node"
          >
            <NewUsersTable users={m.newUsers} />
          </InfoCard>
        </Grid>
      </Grid>
    );
  }

  return (
    <Content>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="flex-start"
        gridGap={16}
        mb={2}
      >
        <TextField
          id="platform-metrics-days"
          select
          SelectProps={{ native: true }}
          label="Window"
          value={days}
          onChange={e => setParams({ days: e.target.value })}
          InputLabelProps={{ shrink: true }}
          style={{ minWidth: 160 }}
        >
          {METRICS_WINDOWS.map(d => (
            <option key={d} value={d}>
              Last {d} days
            </option>
          ))}
        </TextField>
        <Box pt={1}>
          <DownloadButton
            label="Download CSV"
            fileName={`platform-metrics-${days}d.csv`}
            fetchFile={() => api.csv(days)}
          />
        </Box>
      </Box>
      {body}
    </Content>
  );
}
