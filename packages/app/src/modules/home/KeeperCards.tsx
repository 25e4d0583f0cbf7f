import Grid from '@material-ui/core/Grid';
import {
  PendingApprovalsCard,
  TeamsNearQuotaCard,
} from '@internal/plugin-gpu-quota';
import { TeamsNearBudgetCard } from '@internal/plugin-cost';

/** What a platform keeper looks after: decisions waiting for them, teams near a limit. */
export function KeeperCards() {
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} lg={6}>
        <PendingApprovalsCard />
      </Grid>
      <Grid item xs={12} md={6} lg={3}>
        <TeamsNearQuotaCard />
      </Grid>
      <Grid item xs={12} md={6} lg={3}>
        <TeamsNearBudgetCard />
      </Grid>
    </Grid>
  );
}
