import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  GpuUtilization,
  UtilizationSource,
} from '@internal/plugin-utilization-common';
import { formatMoney } from './money';

/** A utilization in %: whole numbers from 10 up, one decimal below ("4.5 %", "63 %"). */
export function formatPercent(percent: number): string {
  return `${percent.toLocaleString('en-US', {
    maximumFractionDigits: percent < 10 ? 1 : 0,
  })} %`;
}

const hours = (h: number) =>
  h.toLocaleString('en-US', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 2,
  });

/**
 * A utilization in a sentence: "GPUs 5 % busy on average (peak 6 %); 0.12 idle GPU-hours,
 * 0.30 EUR" (or "never idle").
 */
export function utilizationSentence(
  u: GpuUtilization,
  currency?: string,
): string {
  const idle =
    u.idleGpuHours > 0
      ? `; ${u.idleGpuHours.toFixed(2)} idle GPU-hours${
          u.idleCost !== undefined && currency
            ? `, ${formatMoney(u.idleCost, currency)}`
            : ''
        }`
      : '; never idle';
  return `GPUs ${formatPercent(
    u.averagePercent,
  )} busy on average (peak ${formatPercent(u.peakPercent)})${idle}`;
}

/** The figures of a utilization for `Figures`: average, peak, idle GPU-hours and their cost. */
export function utilizationFigures(
  u: GpuUtilization,
  currency?: string,
): { label: string; value: string }[] {
  return [
    {
      label: 'Average GPU utilization',
      value: formatPercent(u.averagePercent),
    },
    { label: 'Peak', value: formatPercent(u.peakPercent) },
    { label: 'Idle GPU-hours (under threshold)', value: hours(u.idleGpuHours) },
    ...(u.idleCost !== undefined && currency
      ? [{ label: 'Idle cost', value: formatMoney(u.idleCost, currency) }]
      : []),
  ];
}

/**
 * A utilization as a caption line, red when more than half the GPU-hours were idle; without
 * figures, why (Prometheus does not answer), or nothing.
 */
export function UtilizationLine(props: {
  utilization?: GpuUtilization;
  source?: UtilizationSource;
  currency?: string;
}) {
  const { utilization: u, source, currency } = props;
  if (!u && source?.state !== 'unavailable') return null;
  return (
    <Typography
      variant="caption"
      component="p"
      color={
        u && u.idleGpuHours > u.measuredGpuHours / 2 ? 'error' : 'textSecondary'
      }
    >
      {u
        ? utilizationSentence(u, currency)
        : 'GPU utilization unknown: Prometheus does not answer'}
    </Typography>
  );
}

/**
 * Why there are no utilization figures, in a line: Prometheus did not answer (a warning, with its
 * message), or none is configured. Nothing when they were measured.
 */
export function UtilizationNote(props: { source?: UtilizationSource }) {
  const { source } = props;
  if (!source || source.state === 'measured') return null;
  if (source.state === 'unavailable') {
    return (
      <Alert severity="warning">
        GPU utilization is unknown right now: {source.message}. Costs are still
        exact; idle GPU-hours show again once Prometheus answers.
      </Alert>
    );
  }
  return (
    <Typography variant="body2" color="textSecondary">
      GPU utilization is not measured: the portal has no Prometheus to read it
      from (utilization.prometheus.baseUrl).
    </Typography>
  );
}
