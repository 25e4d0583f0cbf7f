import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { BudgetStatus } from '@internal/plugin-cost-common';
import { AlertChips } from '../shared/AlertChips';
import { BudgetBar } from '../shared/BudgetBar';
import { monthName } from '../shared/dates';
import { formatMoney } from '../shared/format';
import { forecastMonthEnd } from '../shared/forecast';
import { Figures } from '@internal/plugin-mlp-react';

/** This month's standing against the budget and where the month ends at today's pace. */
export function MonthForecast(props: { status: BudgetStatus; now: Date }) {
  const { status, now } = props;
  const money = (amount: number) => formatMoney(amount, status.currency);
  const name = monthName(status.month);
  const { forecast, elapsedDays } = forecastMonthEnd(
    status.spent,
    status.month,
    now,
  );
  let verdict: string;
  if (status.budget === undefined) {
    verdict = `No budget set for ${name}.`;
  } else if (forecast > status.budget) {
    verdict = `Above the ${money(status.budget)} budget by ${money(
      forecast - status.budget,
    )}.`;
  } else {
    verdict = `Within the ${money(status.budget)} budget.`;
  }
  const figures = [
    { label: 'Spent so far', value: money(status.spent) },
    { label: 'Reserved by running jobs', value: money(status.reserved) },
  ];
  if (status.budget !== undefined) {
    figures.push(
      { label: 'Budget', value: money(status.budget) },
      { label: 'Remaining', value: money(status.remaining ?? 0) },
    );
  }
  return (
    <>
      <Figures label={`GPU cost in ${name}`} figures={figures} />
      {status.budget !== undefined && (
        <Box mb={2}>
          <BudgetBar status={{ ...status, budget: status.budget }} />
          <AlertChips alerts={status.alerts} />
        </Box>
      )}
      <Typography variant="h6" component="p" data-testid="forecast">
        Forecast for {name}: {money(forecast)}
      </Typography>
      <Typography variant="body2">{verdict}</Typography>
      <Typography variant="caption" color="textSecondary">
        The spend of the first {elapsedDays.toFixed(1)} days (UTC) extended in a
        straight line to the end of the month. Reserved estimates of running
        jobs are not included.
      </Typography>
    </>
  );
}
