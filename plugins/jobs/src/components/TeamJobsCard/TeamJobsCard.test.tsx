import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { jobsApiRef, type JobsApi } from '../../api';
import { jobsEntityCard, jobsPage } from '../../extensions';
import {
  job,
  jobsInEveryPhase,
  mockJobsApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { user } from '../../__testUtils__/userInput';

jest.setTimeout(20_000);

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'nlp-team' },
  spec: { type: 'team', children: [] },
};

function renderCard(api: JobsApi, entity: Entity = team) {
  return renderTestApp({
    extensions: [createTestEntityPage({ entity }), jobsEntityCard, jobsPage],
    apis: [[jobsApiRef, api]],
  });
}

describe('TeamJobsCard', () => {
  it("lists the team's latest 10 jobs, compact, with a link to all of them", async () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      job({ id: `job-${i}`, phase: 'Succeeded' }),
    );
    const api = mockJobsApi({
      listJobs: jest.fn(async () => [...jobsInEveryPhase(), ...many]),
    });
    renderCard(api);
    const table = await screen.findByRole('table', {
      name: 'Latest training jobs of nlp-team',
    });
    expect(api.listJobs).toHaveBeenCalledWith('nlp-team');
    // a header and ten jobs
    expect(within(table).getAllByRole('row')).toHaveLength(11);
    expect(screen.queryByTestId('job-job-5')).not.toBeInTheDocument();

    const row = screen.getByTestId('job-running-1');
    expect(
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual(['running-1', 'Running', '2', '1:02:03', '12.50 EUR']);
    expect(
      within(screen.getByTestId('job-failed-1')).getByText('Failed'),
    ).toBeInTheDocument();

    expect(screen.getByRole('link', { name: 'All jobs' })).toHaveAttribute(
      'href',
      '/jobs?team=nlp-team',
    );
  });

  it('shows progress while the jobs load', async () => {
    const api = mockJobsApi({
      listJobs: jest.fn(() => new Promise<never>(() => {})),
    });
    renderCard(api);
    expect(await screen.findByText('Training jobs')).toBeInTheDocument();
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('says when the team has no jobs yet', async () => {
    const api = mockJobsApi({ listJobs: jest.fn(async () => []) });
    renderCard(api);
    expect(
      await screen.findByText(/No training jobs for nlp-team yet/),
    ).toBeInTheDocument();
  });

  it('tells a non-member that only members see the jobs', async () => {
    const api = mockJobsApi({
      listJobs: jest.fn(async () => {
        throw await responseError(
          403,
          'NotAllowedError',
          'You are not a member of team nlp-team',
        );
      }),
    });
    renderCard(api);
    expect(
      await screen.findByText('Only members of nlp-team see its jobs.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('You are not a member of team nlp-team'),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Retry' }),
    ).not.toBeInTheDocument();
  });

  it("shows other failures with the server's message and a retry", async () => {
    const api = mockJobsApi({
      listJobs: jest
        .fn()
        .mockRejectedValueOnce(
          await responseError(
            503,
            'ServiceUnavailableError',
            'No Kubernetes cluster is configured for training jobs',
          ),
        )
        .mockResolvedValue([job()]),
    });
    renderCard(api);
    expect(
      await screen.findByText(
        'No Kubernetes cluster is configured for training jobs',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByTestId('job-bert-finetuning-x7k2p'),
    ).toBeInTheDocument();
  });

  it('stays off groups that are not teams', async () => {
    const api = mockJobsApi();
    renderCard(api, {
      ...team,
      metadata: { name: 'ml-org' },
      spec: { type: 'organization', children: [] },
    });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(screen.queryByText('Team ml-org')).not.toBeInTheDocument();
    expect(api.listJobs).not.toHaveBeenCalled();
  });
});
