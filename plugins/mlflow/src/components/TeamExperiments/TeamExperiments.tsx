import { useMemo, useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  RUN_STATUSES,
  type TeamRun,
  teamRunsQuerySchema,
} from '@internal/plugin-mlflow-common';
import { DownloadButton, ErrorState } from '@internal/plugin-mlp-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlflowApiRef } from '../../api';
import { RunComparison } from '../MlflowContent/RunComparison';
import { TeamRunsTable } from './TeamRunsTable';

/**
 * A team's experiments dashboard (the Experiments tab of a team's page): the runs of all its
 * MLflow experiments in one table, filtered by status and tag, with a metric the user picks and
 * the GPU time and cost of the training job that made each run; selected runs are compared, and
 * the table is downloaded as CSV.
 */
export function TeamExperiments() {
  const { entity } = useEntity();
  const team = entity.metadata.name;
  const api = useApi(mlflowApiRef);
  const [status, setStatus] = useState('');
  const [tagText, setTagText] = useState('');
  const [tag, setTag] = useState('');
  const [tagProblem, setTagProblem] = useState<string>();
  const [metric, setMetric] = useState<string>();
  const [selected, setSelected] = useState(new Map<string, TeamRun>());
  const [comparing, setComparing] = useState(false);
  const filters = useMemo(
    () => ({ status: status || undefined, tag: tag || undefined }),
    [status, tag],
  );
  const answer = useAsyncRetry(
    () => api.teamRuns(team, filters),
    [api, team, filters],
  );

  const metrics = useMemo(
    () =>
      [
        ...new Set(
          (answer.value?.runs ?? []).flatMap(r => Object.keys(r.metrics)),
        ),
      ].sort(),
    [answer.value],
  );
  const shownMetric =
    metric && metrics.includes(metric) ? metric : metrics[0] ?? undefined;

  const applyTag = () => {
    const text = tagText.trim();
    const parsed = teamRunsQuerySchema.safeParse({ tag: text || undefined });
    if (!parsed.success) {
      setTagProblem(parsed.error.issues[0].message);
      return;
    }
    setTagProblem(undefined);
    setTag(text);
  };
  const toggle = (run: TeamRun) => {
    const next = new Map(selected);
    if (next.has(run.runId)) next.delete(run.runId);
    else next.set(run.runId, run);
    setSelected(next);
  };

  let body;
  if (answer.error) {
    body = <ErrorState error={answer.error} onRetry={answer.retry} />;
  } else if (!answer.value) {
    body = <Progress />;
  } else if (answer.value.runs.length === 0) {
    body = (
      <Typography color="textSecondary">
        {answer.value.experiments.length === 0
          ? `${team} has no MLflow experiment yet: experiments named ${team}/… or tagged team=${team} show here, and every training job makes one.`
          : 'No run matches these filters.'}
      </Typography>
    );
  } else {
    const { runs, jobFigures, truncated } = answer.value;
    body = (
      <>
        {!jobFigures && (
          <Box mb={2}>
            <Alert severity="info">
              GPU time and cost are shown to {team}'s members and to platform
              keepers.
            </Alert>
          </Box>
        )}
        {truncated && (
          <Box mb={2}>
            <Alert severity="info">
              The newest {runs.length} runs are shown; filter to see older ones.
            </Alert>
          </Box>
        )}
        <TeamRunsTable
          runs={runs}
          metric={shownMetric}
          jobFigures={jobFigures}
          selected={selected}
          onToggle={toggle}
        />
      </>
    );
  }

  return (
    <InfoCard
      title={`Runs of ${team}'s experiments`}
      subheader="Every experiment of the team, newest runs first, with the GPU time and cost of the job that made each run"
    >
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="flex-start"
        gridGap={16}
        mb={2}
      >
        <TextField
          id="team-runs-status"
          select
          SelectProps={{ native: true }}
          label="Status"
          value={status}
          onChange={e => setStatus(e.target.value)}
          InputLabelProps={{ shrink: true }}
          style={{ minWidth: 140 }}
        >
          <option value="">Any</option>
          {RUN_STATUSES.map(s => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </TextField>
        <TextField
          id="team-runs-tag"
          label="Tag"
          placeholder="framework=sklearn"
          value={tagText}
          onChange={e => setTagText(e.target.value)}
          onKeyDown={e => {
            if (e.key === 'Enter') applyTag();
          }}
          onBlur={applyTag}
          error={Boolean(tagProblem)}
          helperText={tagProblem ?? 'key=value; Enter to apply'}
          InputLabelProps={{ shrink: true }}
        />
        <TextField
          id="team-runs-metric"
          select
          SelectProps={{ native: true }}
          label="Metric"
          value={shownMetric ?? ''}
          onChange={e => setMetric(e.target.value)}
          disabled={metrics.length === 0}
          InputLabelProps={{ shrink: true }}
          style={{ minWidth: 160 }}
        >
          {metrics.length === 0 && <option value="">No metrics</option>}
          {metrics.map(m => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </TextField>
        <Box pt={1} display="flex" gridGap={8}>
          <Button
            variant="outlined"
            disabled={selected.size < 2}
            onClick={() => setComparing(true)}
          >
            Compare {selected.size > 0 ? selected.size : ''} selected
          </Button>
          <DownloadButton
            label="Download CSV"
            fileName={`${team}-runs.csv`}
            fetchFile={() => api.teamRunsCsv(team, filters)}
          />
        </Box>
      </Box>
      {body}
      {comparing && (
        <RunComparison
          server={answer.value?.server}
          runs={[...selected.values()]}
          onClose={() => setComparing(false)}
        />
      )}
    </InfoCard>
  );
}
