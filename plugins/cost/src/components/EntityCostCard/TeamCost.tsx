import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Link } from '@backstage/core-components';
import { Progress, useApi } from '@backstage/frontend-plugin-api';
import type { BudgetStatus } from '@internal/plugin-cost-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { costApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { AlertChips } from '../shared/AlertChips';
import { BudgetBar } from '../shared/BudgetBar';
import { monthName } from '../shared/dates';
import { formatMoney } from '../shared/format';
import { ErrorState, Figures, usePageHref } from '@internal/plugin-mlp-react';
import { ModelCost } from './ModelCost';
import { TeamUtilization } from './TeamUtilization';

export const NO_BUDGET = 'No budget set for this month';
export const NO_SPEND = 'No GPU spend yet this month';

function hasBudget(
  status: BudgetStatus,
): status is BudgetStatus & { budget: number } {
  return status.budget !== undefined;
}

/** One team's spend this month against its budget, and a model's own share when given. */
export function TeamCost(props: { team: string; model?: string }) {
  const { team, model } = props;
  const api = useApi(costApiRef);
  const pageHref = usePageHref(rootRouteRef);
  const status = useAsyncRetry(() => api.getBudgetStatus(team), [api, team]);

  if (status.error) {
    return <ErrorState error={status.error} onRetry={status.retry} />;
  }
  if (!status.value) {
    return <Progress />;
  }
  const s = status.value;
  const money = (amount: number) => formatMoney(amount, s.currency);
  const empty = s.spent === 0 && s.reserved === 0;
  const figures = [
    { label: 'Spent this month', value: money(s.spent) },
    { label: 'Reserved by running jobs', value: money(s.reserved) },
  ];
  if (hasBudget(s)) {
    figures.push(
      { label: 'Budget', value: money(s.budget) },
      { label: 'Remaining', value: money(s.remaining ?? 0) },
    );
  }

  return (
    <>
      <Typography variant="subtitle2" component="p" gutterBottom>
        {monthName(s.month, true)}
      </Typography>
      {empty && (
        <Box mb={2}>
          <Alert severity="info">
            {NO_SPEND}: no job of team {team} has held a GPU since the month
            began.
          </Alert>
        </Box>
      )}
      <Figures label={`GPU cost of ${team} this month`} figures={figures} />
      {!model && <TeamUtilization team={team} month={s.month} />}
      {hasBudget(s) ? (
        <>
          <BudgetBar status={s} />
          <AlertChips alerts={s.alerts} />
        </>
      ) : (
        <Alert severity="info">
          {NO_BUDGET}: spend is not limited. A platform keeper sets budgets on
          the GPU cost page.
        </Alert>
      )}
      {model && <ModelCost team={team} model={model} month={s.month} />}
      {pageHref && (
        <Box mt={2}>
          <Link to={`${pageHref}?team=${encodeURIComponent(team)}`}>
            Trend, forecast and breakdowns
          </Link>
        </Box>
      )}
    </>
  );
}
