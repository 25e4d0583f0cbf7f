import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  HomeCard,
  LoadedContent,
  usePageHref,
} from '@internal/plugin-mlp-react';
import type { Job } from '@internal/plugin-jobs-common';
import { jobsApiRef } from '../../api';
import { useJobList } from '../../hooks/useJobList';
import { formatRuntime } from '../../lib/format';
import { rootRouteRef } from '../../routes';
import { JobCost } from '../shared/JobCost';
import { PhaseChip } from '../shared/PhaseChip';
import { WaitingFor } from '../shared/WaitingFor';
import { MY_JOBS_SHOWN, myJobs } from './myJobs';

function MyJobsTable(props: { jobs: Job[] }) {
  return (
    <Table size="small" aria-label="My training jobs">
      <TableHead>
        <TableRow>
          <TableCell>Job</TableCell>
          <TableCell>Team</TableCell>
          <TableCell>Phase</TableCell>
          <TableCell>Runtime</TableCell>
          <TableCell>Cost so far</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.jobs.map(job => (
          <TableRow key={job.id} data-testid={`my-job-${job.id}`}>
            <TableCell style={{ fontFamily: 'monospace' }} title={job.name}>
              {job.id}
            </TableCell>
            <TableCell>{job.team}</TableCell>
            <TableCell title={job.waitingFor ?? job.message}>
              <PhaseChip phase={job.phase} />
              <WaitingFor job={job} />
            </TableCell>
            <TableCell>{formatRuntime(job.runtimeSeconds)}</TableCell>
            <TableCell>
              <JobCost job={job} compact />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * Home: the signed-in user's own training jobs in all their teams, running and waiting ones
 * first; it looks again while any of them runs.
 */
export function MyJobsCard(props: { userEntityRef: string }) {
  const api = useApi(jobsApiRef);
  const list = useJobList(() => api.listJobs(), 'home');
  const page = usePageHref(rootRouteRef);
  const state = {
    loading: !list.jobs && list.error === undefined,
    error: list.error,
    value: list.jobs ? myJobs(list.jobs, props.userEntityRef) : undefined,
    retry: list.retry,
  };
  return (
    <HomeCard
      title="My training jobs"
      subheader="Running and recent, in all your teams"
      link={page ? { to: page, label: 'All jobs' } : undefined}
    >
      <LoadedContent
        state={state}
        isEmpty={jobs => jobs.length === 0}
        empty="You have not submitted a training job yet. The Training jobs page shows how, with the mlp CLI."
      >
        {jobs => <MyJobsTable jobs={jobs.slice(0, MY_JOBS_SHOWN)} />}
      </LoadedContent>
    </HomeCard>
  );
}
