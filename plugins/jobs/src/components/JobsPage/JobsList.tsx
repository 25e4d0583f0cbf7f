import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import { Progress } from '@backstage/frontend-plugin-api';
import type { Job } from '@internal/plugin-jobs-common';
import { ErrorState, errorMessage } from '@internal/plugin-mlp-react';
import type { JobList } from '../../hooks/useJobList';
import { JobsTable } from './JobsTable';
import { NoJobs } from './NoJobs';

/** The jobs as they load: progress, the failure with a retry, how to start, or the table. */
export function JobsList(props: {
  list: JobList;
  team?: string;
  noTeams?: boolean;
  onLogs: (job: Job) => void;
  onCancel: (job: Job) => void;
}) {
  const { list, team } = props;
  if (list.error !== undefined) {
    return <ErrorState error={list.error} onRetry={list.retry} />;
  }
  if (!list.jobs) {
    return <Progress />;
  }
  if (list.jobs.length === 0) {
    return <NoJobs team={team} noTeams={!team && props.noTeams} />;
  }
  return (
    <>
      {list.refreshError !== undefined && (
        <Box mb={2}>
          <Alert severity="warning">
            Could not refresh the list, it may be out of date:{' '}
            {errorMessage(list.refreshError)}
          </Alert>
        </Box>
      )}
      <JobsTable
        jobs={list.jobs}
        showTeam={!team}
        onLogs={props.onLogs}
        onCancel={props.onCancel}
      />
    </>
  );
}
