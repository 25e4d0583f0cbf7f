import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/frontend-plugin-api';
import type { BudgetStatus } from '@internal/plugin-cost-common';
import {
  Figures,
  HomeCard,
  LoadedContent,
  usePageHref,
} from '@internal/plugin-mlp-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { costApiRef } from '../../api';
import { BudgetBar } from '../shared/BudgetBar';
import { monthName } from '../shared/dates';
import { forecastMonthEnd } from '../shared/forecast';
import { formatMoney } from '../shared/format';
import { rootRouteRef } from '../../routes';
import { TeamCostLink } from './TeamCostLink';

function TeamSpend(props: { status: BudgetStatus; now: Date; page?: string }) {
  const { status: s, now, page } = props;
  const money = (amount: number) => formatMoney(amount, s.currency);
  const { forecast } = forecastMonthEnd(s.spent, s.month, now);
  const figures = [
    { label: 'Spent', value: money(s.spent) },
    {
      label: 'Budget',
      value: s.budget === undefined ? 'none' : money(s.budget),
    },
    { label: 'Forecast', value: money(forecast) },
  ];
  return (
    <Box mb={2} data-testid={`spend-${s.team}`}>
      <Typography variant="subtitle2" component="h3">
        <TeamCostLink team={s.team} page={page} />
      </Typography>
      <Figures
        label={`GPU cost of ${s.team} in ${monthName(s.month)}`}
        figures={figures}
      />
      {s.budget !== undefined ? (
        <BudgetBar status={{ ...s, budget: s.budget }} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          No budget set: spend is not limited.
        </Typography>
      )}
      {s.budget !== undefined && forecast > s.budget && (
        <Typography variant="body2" color="error">
          At this pace the month ends {money(forecast - s.budget)} above the
          budget.
        </Typography>
      )}
    </Box>
  );
}

/**
 * Home: each of the user's teams' GPU spend this month against its budget, with where the
 * month ends at today's pace (the same straight line as the cost page's forecast).
 */
export function TeamSpendCard(props: { teams: string[]; now?: Date }) {
  const { teams } = props;
  const api = useApi(costApiRef);
  const page = usePageHref(rootRouteRef);
  const state = useAsyncRetry(
    () => Promise.all(teams.map(team => api.getBudgetStatus(team))),
    [api, teams.join(',')],
  );
  const now = props.now ?? new Date();
  return (
    <HomeCard
      title="My teams' spend"
      subheader="GPU cost this month, budget and forecast"
      link={page ? { to: page, label: 'Trend and breakdowns' } : undefined}
    >
      <LoadedContent
        state={state}
        isEmpty={v => v.length === 0}
        empty="You are not a member of a team yet, so there is no spend to show."
      >
        {statuses =>
          statuses.map(s => (
            <TeamSpend key={s.team} status={s} now={now} page={page} />
          ))
        }
      </LoadedContent>
    </HomeCard>
  );
}
