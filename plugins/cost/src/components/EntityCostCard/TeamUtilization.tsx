import Box from '@material-ui/core/Box';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { UtilizationLine } from '@internal/plugin-mlp-react';
import { costApiRef } from '../../api';
import { monthRange } from '../shared/dates';

/**
 * How busy the team's GPUs were this month, in a line under its spend (nothing while it loads,
 * or when its GPUs were not measured: the spend above stays the point of the card).
 */
export function TeamUtilization(props: { team: string; month: string }) {
  const { team, month } = props;
  const api = useApi(costApiRef);
  const summary = useAsync(
    () => api.getSummary(team, monthRange(month)),
    [api, team, month],
  );
  if (!summary.value) return null;
  return (
    <Box mb={1} aria-label={`GPU utilization of ${team} this month`}>
      <UtilizationLine
        utilization={summary.value.utilization}
        source={summary.value.utilizationSource}
        currency={summary.value.currency}
      />
    </Box>
  );
}
