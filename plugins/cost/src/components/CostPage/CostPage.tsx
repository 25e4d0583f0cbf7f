import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Content, InfoCard } from '@backstage/core-components';
import { Progress, useApi } from '@backstage/frontend-plugin-api';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { costApiRef } from '../../api';
import { monthOf } from '../shared/dates';
import { formatGpuHours, formatMoney } from '../shared/format';
import {
  ErrorState,
  Figures,
  utilizationFigures,
  UtilizationNote,
  useTeams,
} from '@internal/plugin-mlp-react';
import { BreakdownTable } from './BreakdownTable';
import { BudgetsTable } from './BudgetsTable';
import { dailyRows } from './chartData';
import { DownloadCsvButton } from './DownloadCsvButton';
import { MonthForecast } from './MonthForecast';
import { defaultRange, rangeProblem } from './range';
import { SetBudgetForm } from './SetBudgetForm';
import { SpendChart } from './SpendChart';

const BREAKDOWNS = [
  { field: 'byProject', label: 'Cost by project', keyTitle: 'Project' },
  { field: 'byModel', label: 'Cost by model', keyTitle: 'Model' },
  { field: 'byUser', label: 'Cost by user', keyTitle: 'User' },
  { field: 'byGpuType', label: 'Cost by GPU type', keyTitle: 'GPU type' },
] as const;

function TeamSelect(props: {
  teams: ReturnType<typeof useTeams>;
  team?: string;
  onChange: (team: string) => void;
}) {
  const { teams, team, onChange } = props;
  const names = teams.value?.teams ?? [];
  // a team named in the address but missing from the catalog can still be looked at
  const options = team && !names.includes(team) ? [team, ...names] : names;
  return (
    <TextField
      id="cost-team"
      select
      SelectProps={{ native: true }}
      label="Team"
      value={team ?? ''}
      onChange={e => onChange(e.target.value)}
      disabled={options.length === 0}
      InputLabelProps={{ shrink: true }}
      style={{ minWidth: 200 }}
    >
      {options.length === 0 && (
        <option value="">
          {teams.loading ? 'Loading teams…' : 'No teams'}
        </option>
      )}
      {options.map(name => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </TextField>
  );
}

/** A team's GPU spend: daily trend against the budget, forecast, breakdowns, export, budgets. */
export function CostPage(props: { now?: Date }) {
  const [now] = useState(() => props.now ?? new Date());
  const api = useApi(costApiRef);
  const teams = useTeams();
  const [searchParams, setSearchParams] = useSearchParams();
  const [from, setFrom] = useState(() => defaultRange(now).from);
  const [to, setTo] = useState(() => defaultRange(now).to);

  const team =
    searchParams.get('team') || teams.value?.own || teams.value?.teams[0];
  const problem = rangeProblem(from, to);
  const range = problem ? undefined : { from, to };

  const summary = useAsyncRetry(
    async () => (team && range ? api.getSummary(team, range) : undefined),
    [api, team, range?.from, range?.to],
  );
  const status = useAsyncRetry(
    async () => (team ? api.getBudgetStatus(team) : undefined),
    [api, team],
  );
  const budgets = useAsyncRetry(
    async () => (team ? api.listBudgets(team) : undefined),
    [api, team],
  );

  const chooseTeam = (name: string) =>
    setSearchParams(
      params => {
        const next = new URLSearchParams(params);
        next.set('team', name);
        return next;
      },
      { replace: true },
    );

  const s = summary.value;
  let chart;
  let breakdown;
  if (!team || !range) {
    chart = breakdown = null;
  } else if (summary.error) {
    chart = breakdown = (
      <ErrorState error={summary.error} onRetry={summary.retry} />
    );
  } else if (!s) {
    chart = breakdown = <Progress />;
  } else {
    const measured = s.utilizationSource?.state === 'measured';
    chart = (
      <SpendChart
        rows={dailyRows(s, budgets.value ?? [])}
        currency={s.currency}
      />
    );
    breakdown = (
      <>
        {s.gpuHours === 0 && (
          <Box mb={2}>
            <Alert severity="info">
              No GPU spend recorded for {s.team} from {s.from} up to {s.to}.
            </Alert>
          </Box>
        )}
        <Figures
          label="Total for the range"
          figures={[
            { label: 'Total cost', value: formatMoney(s.cost, s.currency) },
            { label: 'GPU-hours', value: formatGpuHours(s.gpuHours) },
            ...(s.utilization
              ? utilizationFigures(s.utilization, s.currency)
              : []),
          ]}
        />
        <Box mb={2}>
          <UtilizationNote source={s.utilizationSource} />
        </Box>
        <Grid container spacing={3}>
          {BREAKDOWNS.map(b => (
            // With the utilization columns a table needs the whole width but on very wide screens.
            <Grid item xs={12} md={measured ? 12 : 6} xl={6} key={b.field}>
              <BreakdownTable
                label={b.label}
                keyTitle={b.keyTitle}
                lines={s[b.field]}
                currency={s.currency}
                utilization={measured}
              />
            </Grid>
          ))}
          {s.byComputeResource?.length > 0 && (
            <Grid item xs={12} md={6}>
              <BreakdownTable
                label="Cost of CPU and memory"
                keyTitle="Resource"
                hoursTitle="Hours"
                lines={s.byComputeResource.map(l => ({
                  key: `${l.key} (${l.unit})`,
                  gpuHours: l.unitHours,
                  cost: l.cost,
                }))}
                currency={s.currency}
              />
            </Grid>
          )}
        </Grid>
      </>
    );
  }

  let month;
  if (status.error) {
    month = <ErrorState error={status.error} onRetry={status.retry} />;
  } else if (!status.value) {
    month = team ? <Progress /> : null;
  } else {
    month = <MonthForecast status={status.value} now={now} />;
  }

  return (
    <Content>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="flex-start"
        gridGap={16}
        mb={2}
      >
        <TeamSelect teams={teams} team={team} onChange={chooseTeam} />
        <TextField
          id="cost-from"
          label="From"
          type="date"
          value={from}
          onChange={e => setFrom(e.target.value)}
          InputLabelProps={{ shrink: true }}
          helperText="first day counted (UTC)"
        />
        <TextField
          id="cost-to"
          label="To"
          type="date"
          value={to}
          onChange={e => setTo(e.target.value)}
          InputLabelProps={{ shrink: true }}
          helperText="first day not counted (UTC)"
        />
        <Box pt={1}>
          <DownloadCsvButton team={team} range={range} />
        </Box>
      </Box>
      {teams.error && <ErrorState error={teams.error} onRetry={teams.retry} />}
      {teams.value && teams.value.teams.length === 0 && !team && (
        <Alert severity="info">
          No teams in the catalog yet: a team is a Group of spec.type team.
        </Alert>
      )}
      {problem && (
        <Box mb={2}>
          <Alert severity="error">{problem}</Alert>
        </Box>
      )}
      {team && (
        <Grid container spacing={3}>
          <Grid item xs={12} lg={8}>
            <InfoCard title="Daily spend" subheader={`Team ${team}`}>
              {chart ?? (
                <Typography color="textSecondary">
                  Choose a valid range to see the trend.
                </Typography>
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12} lg={4}>
            <InfoCard title="This month">{month}</InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="Breakdown">
              {breakdown ?? (
                <Typography color="textSecondary">
                  Choose a valid range to see the breakdowns.
                </Typography>
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12} lg={6}>
            <InfoCard title="Set budget">
              <SetBudgetForm
                key={team}
                team={team}
                defaultMonth={monthOf(now)}
                onSaved={() => {
                  budgets.retry();
                  status.retry();
                }}
              />
              <Box mt={2}>
                {budgets.error && (
                  <ErrorState error={budgets.error} onRetry={budgets.retry} />
                )}
                {budgets.value && <BudgetsTable budgets={budgets.value} />}
              </Box>
            </InfoCard>
          </Grid>
        </Grid>
      )}
    </Content>
  );
}
