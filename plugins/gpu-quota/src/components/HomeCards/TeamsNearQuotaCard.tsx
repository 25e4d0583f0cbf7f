import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { TeamGpuQuota } from '@internal/plugin-gpu-quota-common';
import {
  HomeCard,
  LoadedContent,
  usePageHref,
  teamPagePath,
} from '@internal/plugin-mlp-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { gpuQuotaApiRef } from '../../api';
import { UsageBar } from '../shared/UsageBar';
import { rootRouteRef } from '../../routes';

/** A team is near its quota from this share of its GPUs in use (of its fullest GPU type). */
export const NEAR_QUOTA = 0.9;

type NearQuota =
  | { status: 'ok'; teams: TeamGpuQuota[] }
  | { status: 'not-configured'; message: string };

/** Home, for platform keepers: teams using 90 % or more of a GPU type's quota, fullest first. */
export function TeamsNearQuotaCard() {
  const api = useApi(gpuQuotaApiRef);
  const page = usePageHref(rootRouteRef);
  const state = useAsyncRetry(async (): Promise<NearQuota> => {
    const overview = await api.getOverview();
    if (overview.status !== 'ok') {
      return overview;
    }
    return {
      status: 'ok',
      teams: overview.teams
        .filter(t => t.pressure >= NEAR_QUOTA)
        .sort((a, b) => b.pressure - a.pressure),
    };
  }, [api]);
  return (
    <HomeCard
      title="Teams near their GPU quota"
      subheader="90 % or more of a GPU type in use"
      link={page ? { to: page, label: 'All teams' } : undefined}
    >
      <LoadedContent
        state={state}
        isEmpty={v => v.status === 'ok' && v.teams.length === 0}
        empty="No team uses 90 % or more of its GPU quota."
      >
        {v =>
          v.status !== 'ok' ? (
            <Typography variant="body2">{v.message}</Typography>
          ) : (
            v.teams.map(t => (
              <Box key={t.team} mb={2} data-testid={`near-quota-${t.team}`}>
                <Typography variant="subtitle2" component="h3">
                  <Link to={teamPagePath(t.team)}>{t.team}</Link>{' '}
                  {Math.round(t.pressure * 100)} %
                </Typography>
                {t.resources
                  .filter(r => r.hard > 0 && r.used / r.hard >= NEAR_QUOTA)
                  .map(r => (
                    <Box key={r.resource} mb={1}>
                      <UsageBar
                        resource={r.resource}
                        used={r.used}
                        hard={r.hard}
                      />
                      <Typography variant="body2">
                        {r.resource}: {r.used} of {r.hard} in use
                      </Typography>
                    </Box>
                  ))}
              </Box>
            ))
          )
        }
      </LoadedContent>
    </HomeCard>
  );
}
