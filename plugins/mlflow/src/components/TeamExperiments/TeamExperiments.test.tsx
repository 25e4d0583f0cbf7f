import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { TeamRun, TeamRunsAnswer } from '@internal/plugin-mlflow-common';
import { mlflowApiRef, type MlflowApi } from '../../api';
import {
  mockMlflowApi,
  responseError,
  run,
} from '../../__testUtils__/fixtures';
import { TeamExperiments } from './TeamExperiments';

jest.setTimeout(20_000);

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'nlp-team' },
  spec: { type: 'team', children: [] },
};

const teamRun = (i: number, extra: Partial<TeamRun> = {}): TeamRun => ({
  ...run(i),
  experimentId: '1',
  experimentName: 'nlp-team/ticket-router',
  ...extra,
});

const answer = (over: Partial<TeamRunsAnswer> = {}): TeamRunsAnswer => ({
  server: 'local',
  team: 'nlp-team',
  experiments: [{ id: '1', name: 'nlp-team/ticket-router' }],
  runs: [
    teamRun(1, {
      jobId: 'ticket-router-x7k2p',
      gpus: 2,
      gpuSeconds: 2 * 5400,
      cost: 7.5,
      currency: 'EUR',
    }),
    teamRun(2),
  ],
  jobFigures: true,
  truncated: false,
  ...over,
});

function render(api: MlflowApi) {
  return renderInTestApp(
    <EntityProvider entity={team}>
      <TeamExperiments />
    </EntityProvider>,
    { apis: [[mlflowApiRef, api]] },
  );
}

describe('TeamExperiments', () => {
  it('shows each run with the chosen metric and its job’s GPU time and cost, and filters', async () => {
    const api = mockMlflowApi({ teamRuns: jest.fn(async () => answer()) });
    render(api);
    const table = await screen.findByRole('table', { name: 'Team runs' });
    expect(api.teamRuns).toHaveBeenCalledWith('nlp-team', {
      status: undefined,
      tag: undefined,
    });
    const withJob = within(table).getByTestId(`team-run-${run(1).runId}`);
    expect(within(withJob).getByText('3 h')).toBeInTheDocument();
    expect(within(withJob).getByText('7.50 EUR')).toBeInTheDocument();
    // The first metric by name is shown first: val_accuracy.
    expect(within(table).getAllByText('0.9')).toHaveLength(2);
    await userEvent.selectOptions(screen.getByLabelText('Metric'), 'val_loss');
    expect(within(withJob).getByText('0.3333')).toBeInTheDocument();
    const without = within(table).getByTestId(`team-run-${run(2).runId}`);
    expect(within(without).getAllByText('—')).toHaveLength(2);

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'FAILED');
    expect(api.teamRuns).toHaveBeenLastCalledWith('nlp-team', {
      status: 'FAILED',
      tag: undefined,
    });
    const tag = screen.getByLabelText('Tag');
    await userEvent.type(tag, 'framework{Enter}');
    expect(
      await screen.findByText(/tag: write it as key=value/),
    ).toBeInTheDocument();
    await userEvent.clear(tag);
    await userEvent.type(tag, 'framework=sklearn{Enter}');
    expect(api.teamRuns).toHaveBeenLastCalledWith('nlp-team', {
      status: 'FAILED',
      tag: 'framework=sklearn',
    });
  });

  it('compares selected runs', async () => {
    const api = mockMlflowApi({ teamRuns: jest.fn(async () => answer()) });
    render(api);
    await screen.findByRole('table', { name: 'Team runs' });
    const compare = screen.getByRole('button', { name: /Compare/ });
    expect(compare).toBeDisabled();
    await userEvent.click(screen.getByLabelText('Select run-1'));
    await userEvent.click(screen.getByLabelText('Select run-2'));
    await userEvent.click(screen.getByRole('button', { name: /Compare 2/ }));
    expect(await screen.findByText('Comparing 2 runs')).toBeInTheDocument();
  });

  it('hides the team’s spending from others, and says so', async () => {
    const api = mockMlflowApi({
      teamRuns: jest.fn(async () =>
        answer({ jobFigures: false, runs: [teamRun(1)] }),
      ),
    });
    render(api);
    const table = await screen.findByRole('table', { name: 'Team runs' });
    expect(within(table).queryByText('GPU time')).not.toBeInTheDocument();
    expect(
      screen.getByText(/GPU time and cost are shown to nlp-team's members/),
    ).toBeInTheDocument();
  });

  it('says when the team has no experiment', async () => {
    render(
      mockMlflowApi({
        teamRuns: jest.fn(async () => answer({ experiments: [], runs: [] })),
      }),
    );
    expect(
      await screen.findByText(/nlp-team has no MLflow experiment yet/),
    ).toBeInTheDocument();
  });

  it('shows why the runs cannot load', async () => {
    const error = await responseError(
      503,
      'MLflow server local did not answer',
    );
    render(
      mockMlflowApi({
        teamRuns: jest.fn(async () => {
          throw error;
        }),
      }),
    );
    expect(
      await screen.findByText(/MLflow server local did not answer/),
    ).toBeInTheDocument();
  });
});
