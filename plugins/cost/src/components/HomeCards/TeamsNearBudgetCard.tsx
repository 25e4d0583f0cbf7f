import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/frontend-plugin-api';
import type { BudgetStatus } from '@internal/plugin-cost-common';
import {
  afterLoad,
  HomeCard,
  LoadedContent,
  usePageHref,
  useTeams,
} from '@internal/plugin-mlp-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { costApiRef } from '../../api';
import { BudgetBar } from '../shared/BudgetBar';
import { formatMoney } from '../shared/format';
import { rootRouteRef } from '../../routes';
import { TeamCostLink } from './TeamCostLink';

/** The budget alert from which a team is near its budget: spent + reserved ≥ 80 %. */
export const NEAR_BUDGET_ALERT = 80;

type Budgeted = BudgetStatus & { budget: number };

function share(s: Budgeted): number {
  return s.budget > 0 ? (s.spent + s.reserved) / s.budget : 1;
}

/**
 * Home, for platform keepers: the teams whose spend and reservations this month crossed the
 * budget's 80 % alert, fullest first.
 */
export function TeamsNearBudgetCard() {
  const api = useApi(costApiRef);
  const teams = useTeams();
  const page = usePageHref(rootRouteRef);
  const names = teams.value?.teams;
  const statuses = useAsyncRetry(async () => {
    if (!names) {
      return undefined;
    }
    const all = await Promise.all(names.map(t => api.getBudgetStatus(t)));
    return all
      .filter(
        (s): s is Budgeted =>
          s.budget !== undefined && s.alerts.includes(NEAR_BUDGET_ALERT),
      )
      .sort((a, b) => share(b) - share(a));
  }, [api, names?.join(',')]);
  const state = afterLoad(teams, statuses);
  return (
    <HomeCard
      title="Teams near their budget"
      subheader="80 % or more of this month's budget spent or reserved"
      link={page ? { to: page, label: 'Budgets' } : undefined}
    >
      <LoadedContent
        state={state}
        isEmpty={v => v.length === 0}
        empty="No team has spent or reserved 80 % of its budget this month."
      >
        {near =>
          near.map(s => (
            <Box key={s.team} mb={2} data-testid={`near-budget-${s.team}`}>
              <Typography variant="subtitle2" component="h3">
                <TeamCostLink team={s.team} page={page} />{' '}
                {Math.round(share(s) * 100)} %
              </Typography>
              <BudgetBar status={s} />
              <Typography variant="body2">
                {formatMoney(s.spent, s.currency)} spent,{' '}
                {formatMoney(s.reserved, s.currency)} reserved of{' '}
                {formatMoney(s.budget, s.currency)}
              </Typography>
            </Box>
          ))
        }
      </LoadedContent>
    </HomeCard>
  );
}
