import { type FormEvent, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/frontend-plugin-api';
import { type Budget, setBudgetSchema } from '@internal/plugin-cost-common';
import { costApiRef } from '../../api';
import { formatMoney } from '../shared/format';
import { ActionError } from '@internal/plugin-mlp-react';

const FIELD_LABELS: Record<string, string> = {
  month: 'Month',
  amount: 'Budget amount',
};

/** What is wrong with the form before it is sent, checked with the backend's own schema. */
export function budgetProblem(
  month: string,
  amount: string,
): string | undefined {
  if (amount.trim() === '' || Number.isNaN(Number(amount))) {
    return 'Budget amount is required: a number in the currency of the rates';
  }
  const result = setBudgetSchema.safeParse({ month, amount: Number(amount) });
  if (result.success) {
    return undefined;
  }
  return result.error.issues
    .map(issue => {
      const field = String(issue.path[0] ?? '');
      return `${FIELD_LABELS[field] ?? field} ${issue.message}`;
    })
    .join('; ');
}

/**
 * Sets a team's budget for a month. Only platform keepers may; anyone else gets the server's
 * refusal, shown as it is, which is simpler and never wrong, unlike guessing roles here.
 */
export function SetBudgetForm(props: {
  team: string;
  defaultMonth: string;
  onSaved: (budget: Budget) => void;
}) {
  const { team, defaultMonth, onSaved } = props;
  const api = useApi(costApiRef);
  const [month, setMonth] = useState(defaultMonth);
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState<Budget | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(undefined);
    const invalid = budgetProblem(month, amount);
    setProblem(invalid);
    if (invalid) {
      return;
    }
    setBusy(true);
    try {
      const budget = await api.setBudget(team, {
        month,
        amount: Number(amount),
      });
      setSaved(budget);
      onSaved(budget);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label={`Set the budget of ${team}`} noValidate>
      <Typography variant="body2" color="textSecondary" paragraph>
        Platform keepers set each team&apos;s monthly budget, for this month or
        a later one. Budget checks refuse jobs that would exceed it.
      </Typography>
      <Box display="flex" flexWrap="wrap" alignItems="flex-start" gridGap={16}>
        <TextField
          id="cost-budget-month"
          label="Month"
          type="month"
          value={month}
          onChange={e => setMonth(e.target.value)}
          InputLabelProps={{ shrink: true }}
          inputProps={{ pattern: '\\d{4}-\\d{2}' }}
          helperText="YYYY-MM, UTC"
        />
        <TextField
          id="cost-budget-amount"
          label="Budget amount"
          type="number"
          value={amount}
          onChange={e => setAmount(e.target.value)}
          inputProps={{ min: 0, step: 'any' }}
        />
        <Box pt={1}>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={busy}
          >
            Save budget
          </Button>
        </Box>
      </Box>
      {problem && (
        <Box my={1}>
          <Alert severity="error">{problem}</Alert>
        </Box>
      )}
      {error !== undefined && <ActionError error={error} />}
      {saved && (
        <Box my={1}>
          <Alert severity="success">
            Budget of {saved.team} for {saved.month} set to{' '}
            {formatMoney(saved.amount, saved.currency)}
          </Alert>
        </Box>
      )}
    </form>
  );
}
