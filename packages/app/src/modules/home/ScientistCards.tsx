import Grid from '@material-ui/core/Grid';
import type { GpuQuotaMe } from '@internal/plugin-gpu-quota';
import { MyJobsCard } from '@internal/plugin-jobs';
import { MyTeamGpusCard } from '@internal/plugin-gpu-quota';
import { TeamSpendCard } from '@internal/plugin-cost';
import { MyWorkspacesCard } from '@internal/plugin-coder';
import { RecentRunsCard, TeamModelsCard } from '@internal/plugin-mlflow';

/** A data scientist's own work: jobs, GPUs, spend, workspaces, models and runs. */
export function ScientistCards(props: { me: GpuQuotaMe }) {
  const { me } = props;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} lg={7}>
        <MyJobsCard userEntityRef={me.userEntityRef} />
      </Grid>
      <Grid item xs={12} lg={5}>
        <MyTeamGpusCard teams={me.teams} userEntityRef={me.userEntityRef} />
      </Grid>
      <Grid item xs={12} lg={5}>
        <TeamSpendCard teams={me.teams} />
      </Grid>
      <Grid item xs={12} lg={7}>
        <MyWorkspacesCard />
      </Grid>
      <Grid item xs={12} lg={6}>
        <TeamModelsCard teams={me.teams} />
      </Grid>
      <Grid item xs={12} lg={6}>
        <RecentRunsCard teams={me.teams} />
      </Grid>
    </Grid>
  );
}
