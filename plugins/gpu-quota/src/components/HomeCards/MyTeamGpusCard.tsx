import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  QuotaRequest,
  TeamGpuQuotaAnswer,
} from '@internal/plugin-gpu-quota-common';
import {
  formatAgo,
  HomeCard,
  LoadedContent,
  teamPagePath,
} from '@internal/plugin-mlp-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { gpuQuotaApiRef } from '../../api';
import { UsageBar } from '../shared/UsageBar';

type TeamGpus = { team: string; answer: TeamGpuQuotaAnswer };
type MyGpus = { teams: TeamGpus[]; myPending: QuotaRequest[] };

function TeamGpusLine(props: { item: TeamGpus }) {
  const { team, answer } = props.item;
  let body;
  if (answer.status === 'ok') {
    body =
      answer.quota.resources.length === 0 ? (
        <Typography variant="body2">No GPUs in the team's quota.</Typography>
      ) : (
        answer.quota.resources.map(r => (
          <Box
            key={r.resource}
            mb={1}
            data-testid={`gpus-${team}-${r.resource}`}
          >
            <UsageBar resource={r.resource} used={r.used} hard={r.hard} />
            <Typography variant="body2">
              {r.resource}: {r.used} of {r.hard} in use, {r.available} free
            </Typography>
          </Box>
        ))
      );
  } else {
    body = <Typography variant="body2">{answer.message}</Typography>;
  }
  return (
    <Box mb={2}>
      <Typography variant="subtitle2" component="h3">
        <Link to={teamPagePath(team)}>{team}</Link>
      </Typography>
      {body}
    </Box>
  );
}

/**
 * Home: the GPUs of each of the user's teams (in use and free, per GPU type) and the quota
 * increases the user asked for that wait for a decision.
 */
export function MyTeamGpusCard(props: {
  teams: string[];
  userEntityRef: string;
}) {
  const { teams, userEntityRef } = props;
  const api = useApi(gpuQuotaApiRef);
  const state = useAsyncRetry(async (): Promise<MyGpus> => {
    const [answers, pending] = await Promise.all([
      Promise.all(
        teams.map(async team => ({
          team,
          answer: await api.getTeamQuota(team),
        })),
      ),
      teams.length ? api.listRequests({ status: 'pending' }) : [],
    ]);
    return {
      teams: answers,
      myPending: pending.filter(r => r.requestedBy === userEntityRef),
    };
  }, [api, teams.join(','), userEntityRef]);

  return (
    <HomeCard
      title="My teams' GPUs"
      subheader="In use and free, and what you asked for"
      link={
        teams.length === 1
          ? { to: teamPagePath(teams[0]), label: `Team ${teams[0]}` }
          : undefined
      }
    >
      <LoadedContent
        state={state}
        isEmpty={v => v.teams.length === 0}
        empty="You are not a member of a team yet, so no GPUs are yours to use. A platform keeper onboards teams with the onboarding template."
      >
        {v => (
          <>
            {v.teams.map(item => (
              <TeamGpusLine key={item.team} item={item} />
            ))}
            <Typography variant="subtitle2" component="h3">
              Your pending requests
            </Typography>
            {v.myPending.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                None: ask for more GPUs on your team's page.
              </Typography>
            ) : (
              <ul aria-label="Your pending quota requests">
                {v.myPending.map(r => (
                  <li key={r.id}>
                    <Typography variant="body2">
                      {r.team}: {r.resource} {r.currentAmount} →{' '}
                      {r.requestedAmount} for {r.durationDays} days, asked{' '}
                      {formatAgo(r.createdAt)}
                    </Typography>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </LoadedContent>
    </HomeCard>
  );
}
