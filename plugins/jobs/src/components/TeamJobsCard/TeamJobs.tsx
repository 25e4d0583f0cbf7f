import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Link } from '@backstage/core-components';
import { Progress, useApi } from '@backstage/frontend-plugin-api';
import { ErrorState, usePageHref } from '@internal/plugin-mlp-react';
import { jobsApiRef } from '../../api';
import { useJobList } from '../../hooks/useJobList';
import { isForbidden } from '../../lib/errors';
import { rootRouteRef } from '../../routes';
import { TeamJobsTable } from './TeamJobsTable';

/** How many of the team's jobs the card shows. */
export const LATEST = 10;

function useJobsPageLink(team: string): string | undefined {
  const href = usePageHref(rootRouteRef);
  return href ? `${href}?team=${encodeURIComponent(team)}` : undefined;
}

/** One team's latest jobs as they load, with a link to all of them on the Jobs page. */
export function TeamJobs(props: { team: string }) {
  const { team } = props;
  const api = useApi(jobsApiRef);
  const list = useJobList(() => api.listJobs(team), team);
  const allJobs = useJobsPageLink(team);

  let body;
  if (list.error !== undefined) {
    body = isForbidden(list.error) ? (
      <Alert severity="info">Only members of {team} see its jobs.</Alert>
    ) : (
      <ErrorState error={list.error} onRetry={list.retry} />
    );
  } else if (!list.jobs) {
    body = <Progress />;
  } else if (list.jobs.length === 0) {
    body = (
      <Typography color="textSecondary">
        No training jobs for {team} yet. Submit one with the mlp CLI: the
        Training jobs page says how.
      </Typography>
    );
  } else {
    body = <TeamJobsTable team={team} jobs={list.jobs.slice(0, LATEST)} />;
  }

  return (
    <>
      {body}
      {allJobs && (
        <Box mt={2}>
          <Link to={allJobs}>All jobs</Link>
        </Box>
      )}
    </>
  );
}
