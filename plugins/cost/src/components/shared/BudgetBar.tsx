import type { BudgetStatus } from '@internal/plugin-cost-common';
import { LevelBar } from '@internal/plugin-mlp-react';
import { formatMoney } from './format';

/** How much of this month's budget is spent or reserved; only for a team with a budget. */
export function BudgetBar(props: {
  status: BudgetStatus & { budget: number };
}) {
  const { status } = props;
  const used = status.spent + status.reserved;
  let level: 'normal' | 'high' | 'full' = 'normal';
  if (status.alerts.includes(100)) {
    level = 'full';
  } else if (status.alerts.includes(80)) {
    level = 'high';
  }
  return (
    <LevelBar
      ratio={status.budget > 0 ? used / status.budget : 1}
      level={level}
      label={`${formatMoney(used, status.currency)} of the ${formatMoney(
        status.budget,
        status.currency,
      )} budget spent or reserved`}
    />
  );
}
