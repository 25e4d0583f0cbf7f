import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Progress, useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { costApiRef } from '../../api';
import { monthRange } from '../shared/dates';
import { formatGpuHours, formatMoney } from '../shared/format';
import { ErrorState, UtilizationLine } from '@internal/plugin-mlp-react';

export const NO_MODEL_TIME = 'No GPU time recorded for this model this month';

/** What one model's jobs cost its team this month: its line of the summary's byModel. */
export function ModelCost(props: {
  team: string;
  model: string;
  month: string;
}) {
  const { team, model, month } = props;
  const api = useApi(costApiRef);
  const summary = useAsyncRetry(
    () => api.getSummary(team, monthRange(month)),
    [api, team, month],
  );

  let body;
  if (summary.error) {
    body = <ErrorState error={summary.error} onRetry={summary.retry} />;
  } else if (!summary.value) {
    body = <Progress />;
  } else {
    const line = summary.value.byModel.find(l => l.key === model);
    body = line ? (
      <>
        <Typography variant="body1">
          {formatMoney(line.cost, summary.value.currency)} for{' '}
          {formatGpuHours(line.gpuHours)} GPU-hours month to date
        </Typography>
        <UtilizationLine
          utilization={line.utilization}
          source={summary.value.utilizationSource}
          currency={summary.value.currency}
        />
      </>
    ) : (
      <Typography variant="body2" color="textSecondary">
        {NO_MODEL_TIME}
      </Typography>
    );
  }
  return (
    <Box mt={2} component="section" aria-label={`GPU cost of model ${model}`}>
      <Typography variant="subtitle2" component="h3">
        Model {model}
      </Typography>
      {body}
    </Box>
  );
}
