import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type { WeekMetrics } from '@internal/plugin-platform-metrics-common';
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

export const WEEKLY_CHART_LABEL = 'Jobs and GPU-hours per week';

/** Each week's jobs by how they ended (bars) and GPU-hours (line, right axis). */
export function WeeklyChart(props: { weeks: WeekMetrics[] }) {
  const { palette } = useTheme();
  return (
    <figure style={{ margin: 0 }} aria-label={WEEKLY_CHART_LABEL}>
      <ResponsiveContainer
        width="100%"
        height={280}
        initialDimension={{ width: 720, height: 280 }}
      >
        <ComposedChart
          data={props.weeks}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="week" tickFormatter={(w: string) => w.slice(5)} />
          <YAxis yAxisId="jobs" allowDecimals={false} width={48} />
          <YAxis yAxisId="hours" orientation="right" width={56} />
          <Tooltip labelFormatter={label => `Week of ${label}`} />
          <Legend />
          {[
            { key: 'succeeded', name: 'Succeeded', fill: palette.success.main },
            { key: 'failed', name: 'Failed', fill: palette.error.main },
            { key: 'cancelled', name: 'Cancelled', fill: palette.grey[500] },
            {
              key: 'unfinished',
              name: 'Waiting or running',
              fill: palette.info.main,
            },
          ].map(bar => (
            <Bar
              key={bar.key}
              yAxisId="jobs"
              dataKey={bar.key}
              name={bar.name}
              stackId="jobs"
              fill={bar.fill}
              isAnimationActive={false}
            />
          ))}
          <Line
            yAxisId="hours"
            dataKey="gpuHours"
            name="GPU-hours"
            stroke={palette.primary.main}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
      <Typography
        component="figcaption"
        variant="caption"
        color="textSecondary"
      >
        Jobs counted in the week they were submitted; weeks start on Monday
        (UTC), the first and last are cut by the window.
      </Typography>
    </figure>
  );
}
