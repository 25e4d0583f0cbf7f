import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatMoney } from '../shared/format';
import type { ChartRow } from './chartData';

export const CHART_LABEL = 'Daily GPU spend';

const useStyles = makeStyles(theme => ({
  figure: { margin: 0 },
  caption: { display: 'block', marginTop: theme.spacing(1) },
}));

/**
 * Spend per day as bars, and each day's share of its month's budget as a line: a bar above the
 * line is a day that spent faster than the budget allows.
 */
export function SpendChart(props: { rows: ChartRow[]; currency: string }) {
  const { rows, currency } = props;
  const classes = useStyles();
  const theme = useTheme();
  const withBudget = rows.some(r => r.budgetPerDay !== undefined);
  const money = (value: unknown) =>
    typeof value === 'number' ? formatMoney(value, currency) : String(value);
  return (
    <figure className={classes.figure} aria-label={CHART_LABEL}>
      <ResponsiveContainer
        width="100%"
        height={300}
        initialDimension={{ width: 720, height: 300 }}
      >
        <ComposedChart
          data={rows}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="day"
            tickFormatter={(day: string) => day.slice(5)}
            minTickGap={16}
          />
          <YAxis
            tickFormatter={(value: number) => value.toLocaleString('en-US')}
            width={64}
          />
          <Tooltip formatter={money} labelFormatter={label => String(label)} />
          <Legend />
          <Bar
            dataKey="cost"
            name={`Spend (${currency})`}
            fill={theme.palette.primary.main}
            isAnimationActive={false}
          />
          {withBudget && (
            <Line
              dataKey="budgetPerDay"
              name={`Budget per day (${currency})`}
              type="stepAfter"
              stroke={theme.palette.error.main}
              strokeDasharray="6 3"
              dot={false}
              isAnimationActive={false}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
      <Typography
        component="figcaption"
        variant="caption"
        color="textSecondary"
        className={classes.caption}
      >
        Bars: what the team spent each day (UTC).{' '}
        {withBudget
          ? "Dashed line: the month's budget spread evenly over its days (monthly budget ÷ days in the month). A bar above the line is a day that spent faster than the budget allows."
          : 'No budget is set for these months, so there is no budget line.'}
      </Typography>
    </figure>
  );
}
