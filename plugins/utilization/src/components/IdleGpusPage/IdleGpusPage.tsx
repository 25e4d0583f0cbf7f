import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Content, InfoCard } from '@backstage/core-components';
import { Progress, useApi } from '@backstage/frontend-plugin-api';
import {
  ErrorState,
  useReadableTables,
  useTeams,
} from '@internal/plugin-mlp-react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { utilizationApiRef } from '../../api';
import { EventsTable } from './EventsTable';
import { NoticesTable } from './NoticesTable';
import { PolicyForm } from './PolicyForm';

/**
 * Idle GPUs of one team: its jobs whose GPUs sat idle (with "keep it running" and "stop now"),
 * its idle policy, and what happened. Notifications about idle jobs link here with ?team=.
 */
export function IdleGpusPage() {
  const api = useApi(utilizationApiRef);
  const classes = useReadableTables();
  const choice = useTeams();
  const [params, setParams] = useSearchParams();
  const team =
    params.get('team') ?? choice.value?.own ?? choice.value?.teams[0];
  // A team named in the address but missing from the catalog can still be looked at.
  const teams = [
    ...new Set([...(team ? [team] : []), ...(choice.value?.teams ?? [])]),
  ].sort();

  const state = useAsyncRetry(async () => {
    if (!team) return undefined;
    const [notices, policy, events] = await Promise.all([
      api.notices(team),
      api.policy(team),
      api.events(team),
    ]);
    return { notices, policy, events };
  }, [api, team]);

  let body;
  if (!team) {
    body = choice.loading ? (
      <Progress />
    ) : (
      <Typography color="textSecondary">
        No teams in the catalog yet: idle GPUs are shown per team.
      </Typography>
    );
  } else if (state.error) {
    body = <ErrorState error={state.error} onRetry={state.retry} />;
  } else if (!state.value) {
    body = <Progress />;
  } else {
    const { notices, policy, events } = state.value;
    body = (
      <Grid container spacing={3} className={classes.area}>
        <Grid item xs={12}>
          <InfoCard
            title="Jobs with idle GPUs"
            subheader="Open notices, and those of the last 7 days"
          >
            <NoticesTable
              notices={notices}
              policy={policy}
              onKeep={async n => {
                await api.keep(n.id);
                state.retry();
              }}
              onStop={async n => {
                await api.stop(n.id);
                state.retry();
              }}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} xl={6}>
          <InfoCard title="Idle policy">
            <PolicyForm
              key={`${team}-${policy?.updatedAt}`}
              team={team}
              policy={policy}
              onSave={async input => {
                await api.setPolicy(team, input);
                state.retry();
              }}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} xl={6}>
          <InfoCard title="What happened">
            <EventsTable events={events} />
          </InfoCard>
        </Grid>
      </Grid>
    );
  }

  return (
    <Content>
      <Box mb={2}>
        <TextField
          id="idle-team"
          select
          SelectProps={{ native: true }}
          label="Team"
          value={team ?? ''}
          onChange={e => setParams({ team: e.target.value })}
          InputLabelProps={{ shrink: true }}
          style={{ minWidth: 200 }}
        >
          {teams.map(name => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </TextField>
      </Box>
      {body}
    </Content>
  );
}
