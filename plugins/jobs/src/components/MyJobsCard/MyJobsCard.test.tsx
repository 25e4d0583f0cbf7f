import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { jobsApiRef, type JobsApi } from '../../api';
import { rootRouteRef } from '../../routes';
import { job, mockJobsApi, responseError } from '../../__testUtils__/fixtures';
import { user } from '../../__testUtils__/userInput';
import { MyJobsCard } from './MyJobsCard';

jest.setTimeout(20_000);

const ME = 'user:default/alex.kim';

function renderCard(api: JobsApi) {
  return renderInTestApp(<MyJobsCard userEntityRef={ME} />, {
    apis: [[jobsApiRef, api]],
    mountedRoutes: { '/jobs': rootRouteRef },
  });
}

describe('MyJobsCard', () => {
  it("shows the user's own jobs, running and waiting ones first, with runtime and cost", async () => {
    const api = mockJobsApi({
      listJobs: jest.fn(async () => [
        job({ id: 'done-1', phase: 'Succeeded', costSoFar: 3 }),
        job({ id: 'theirs', phase: 'Running', submittedBy: 'user:default/x' }),
        job({
          id: 'wait-1',
          phase: 'Pending',
          runtimeSeconds: 0,
          waitingFor: 'waiting for GPUs: no node has 4 free nvidia.com/gpu',
        }),
        job({ id: 'run-1', team: 'vision-team', runtimeSeconds: 125 }),
      ]),
    });
    renderCard(api);
    const table = await screen.findByRole('table', {
      name: 'My training jobs',
    });
    expect(api.listJobs).toHaveBeenCalledWith();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.getAttribute('data-testid'))).toEqual([
      'my-job-wait-1',
      'my-job-run-1',
      'my-job-done-1',
    ]);
    expect(
      within(screen.getByTestId('my-job-run-1'))
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['run-1', 'vision-team', 'Running', '0:02:05', '12.50 EUR']);
    expect(
      screen.getByText('waiting for GPUs: no node has 4 free nvidia.com/gpu'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /All jobs/ })).toHaveAttribute(
      'href',
      '/jobs',
    );
  });

  it('shows progress while the jobs load', async () => {
    renderCard(
      mockJobsApi({ listJobs: jest.fn(() => new Promise<never>(() => {})) }),
    );
    expect(await screen.findByText('My training jobs')).toBeInTheDocument();
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('says how to start when the user has no job of their own', async () => {
    renderCard(
      mockJobsApi({
        listJobs: jest.fn(async () => [
          job({ submittedBy: 'user:default/someone.else' }),
        ]),
      }),
    );
    expect(
      await screen.findByText(/You have not submitted a training job yet/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it("shows a failure with the server's message and a retry that works", async () => {
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
      await screen.findByTestId('my-job-bert-finetuning-x7k2p'),
    ).toBeInTheDocument();
  });
});
