import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type {
  IdlePolicy,
  IdlePolicyInput,
} from '@internal/plugin-utilization-common';
import {
  ActionError,
  formatDateTime,
  userName,
} from '@internal/plugin-mlp-react';

const FIELDS: Array<{
  key: keyof IdlePolicyInput;
  label: string;
  help: string;
  fallback: number;
}> = [
  {
    key: 'idleBelowPercent',
    label: 'Idle below (%)',
    help: 'GPU utilization',
    fallback: 10,
  },
  {
    key: 'windowMinutes',
    label: 'Idle for (minutes)',
    help: 'before the owner is told',
    fallback: 60,
  },
  {
    key: 'graceMinutes',
    label: 'Grace (minutes)',
    help: 'from the notice to the stop',
    fallback: 30,
  },
  {
    key: 'snoozeMinutes',
    label: 'Keep running for (minutes)',
    help: 'one "keep it running"',
    fallback: 60,
  },
  {
    key: 'maxSnoozes',
    label: 'Times it may be kept',
    help: 'per notice',
    fallback: 3,
  },
];

/** A team's idle policy in words, and for keepers a form to set it. */
export function PolicyForm(props: {
  team: string;
  policy: IdlePolicy | null;
  onSave: (input: IdlePolicyInput) => Promise<unknown>;
}) {
  const { team, policy } = props;
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      FIELDS.map(f => [f.key, String(policy?.[f.key] ?? f.fallback)]),
    ),
  );
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      await props.onSave(
        Object.fromEntries(
          FIELDS.map(f => [f.key, Number(values[f.key])]),
        ) as unknown as IdlePolicyInput,
      );
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Typography variant="body2" paragraph>
        {policy
          ? `A job of ${team} whose GPUs all stay under ${
              policy.idleBelowPercent
            } % for ${
              policy.windowMinutes
            } minutes is announced to its owner, and stopped ${
              policy.graceMinutes
            } minutes later unless kept running (${
              policy.maxSnoozes === 1 ? 'once' : `${policy.maxSnoozes} times`
            } at most, ${policy.snoozeMinutes} minutes each). Set by ${userName(
              policy.updatedBy,
            )} on ${formatDateTime(policy.updatedAt)}.`
          : `${team} has no idle policy: idle jobs are shown on the cost pages, but nobody is told and nothing is stopped.`}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        Platform keepers set the policy:
      </Typography>
      <Box display="flex" flexWrap="wrap" gridGap={16} mt={1}>
        {FIELDS.map(f => (
          <TextField
            key={f.key}
            id={`idle-${f.key}`}
            label={f.label}
            helperText={f.help}
            type="number"
            value={values[f.key]}
            onChange={e => setValues({ ...values, [f.key]: e.target.value })}
            style={{ width: 190 }}
          />
        ))}
      </Box>
      <Box mt={2}>
        <Button
          variant="contained"
          color="primary"
          disabled={saving}
          onClick={save}
        >
          Save policy
        </Button>
      </Box>
      {Boolean(error) && <ActionError error={error} />}
    </>
  );
}
