import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import { Content, InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { Job } from '@internal/plugin-jobs-common';
import { ErrorState } from '@internal/plugin-mlp-react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { jobsApiRef } from '../../api';
import { useJobList } from '../../hooks/useJobList';
import { CliPanel } from '../CliPanel';
import { CancelJobDialog } from './CancelJobDialog';
import { JobsList } from './JobsList';
import { LogsDialog } from './LogsDialog';
import { TeamSelect } from './TeamSelect';

/** The training jobs of the user's teams (or of one, `?team=`), and how to submit one. */
export function JobsPage() {
  const api = useApi(jobsApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const team = searchParams.get('team') || undefined;
  const teams = useAsyncRetry(() => api.myTeams(), [api]);
  const list = useJobList(() => api.listJobs(team), team ?? '');
  const [logsOf, setLogsOf] = useState<Job>();
  const [cancelling, setCancelling] = useState<Job>();
  const [cancelled, setCancelled] = useState<Job>();

  const chooseTeam = (name: string | undefined) =>
    setSearchParams(
      params => {
        const next = new URLSearchParams(params);
        if (name) {
          next.set('team', name);
        } else {
          next.delete('team');
        }
        return next;
      },
      { replace: true },
    );

  return (
    <Content>
      <Box mb={2}>
        <TeamSelect
          teams={teams.value?.teams}
          team={team}
          onChange={chooseTeam}
        />
      </Box>
      {teams.error && (
        <Box mb={2}>
          <ErrorState error={teams.error} onRetry={teams.retry} />
        </Box>
      )}
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard
            title="Jobs"
            subheader={team ? `Team ${team}` : 'All your teams'}
          >
            {cancelled && (
              <Box mb={2}>
                <Alert
                  severity="success"
                  onClose={() => setCancelled(undefined)}
                >
                  Job {cancelled.id} cancelled: its pods are stopping and its
                  budget reservation was released.
                </Alert>
              </Box>
            )}
            <JobsList
              list={list}
              team={team}
              noTeams={teams.value?.teams.length === 0}
              onLogs={setLogsOf}
              onCancel={setCancelling}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <CliPanel />
        </Grid>
      </Grid>
      {logsOf && (
        <LogsDialog job={logsOf} onClose={() => setLogsOf(undefined)} />
      )}
      {cancelling && (
        <CancelJobDialog
          job={cancelling}
          onClose={() => setCancelling(undefined)}
          onCancelled={job => {
            setCancelling(undefined);
            setCancelled(job);
            list.remove(job.id);
          }}
        />
      )}
    </Content>
  );
}
