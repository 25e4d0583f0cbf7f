import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { advance, setVisibility } from '../../__testUtils__/clock';
import {
  job,
  jobsInEveryPhase,
  mockJobsApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { findRow, renderPage } from '../../__testUtils__/renderPage';

// Each test renders a whole app; a busy machine running every package's tests needs more
// than Jest's default 5 s.
jest.setTimeout(20_000);

function cells(row: HTMLElement): string[] {
  return within(row)
    .getAllByRole('cell')
    .map(cell => cell.textContent ?? '');
}

describe('JobsPage', () => {
  it('shows progress while the jobs load', async () => {
    const api = mockJobsApi({
      listJobs: jest.fn(() => new Promise<never>(() => {})),
    });
    renderPage(api);
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it("shows the server's message and loads again on retry", async () => {
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
    renderPage(api);
    expect(
      await screen.findByText(
        'No Kubernetes cluster is configured for training jobs',
      ),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await findRow('bert-finetuning-x7k2p')).toBeInTheDocument();
    expect(api.listJobs).toHaveBeenCalledTimes(2);
  });

  it('explains how to submit a job with the CLI when there is none', async () => {
    const api = mockJobsApi({ listJobs: jest.fn(async () => []) });
    renderPage(api);
    expect(
      await screen.findByText('No training jobs in your teams yet.'),
    ).toBeInTheDocument();
    const card = screen.getByText('No training jobs in your teams yet.')
      .parentElement!;
    expect(
      within(card).getByText(
        'mlp train --name bert-finetuning --image ml-training:latest --script train.py --gpu 1 --memory 16Gi --timeout-hours 24',
      ),
    ).toBeInTheDocument();
  });

  it('says so when the user is in no team', async () => {
    const api = mockJobsApi({
      listJobs: jest.fn(async () => []),
      myTeams: jest.fn(async () => ({
        userEntityRef: 'user:default/alex.kim',
        teams: [],
        mayDecide: false,
      })),
    });
    renderPage(api);
    expect(
      await screen.findByText(/You are not a member of any team yet/),
    ).toBeInTheDocument();
  });

  it('lists jobs in every phase with GPUs, runtime, cost and submitter', async () => {
    const api = mockJobsApi({
      listJobs: jest.fn(async () => jobsInEveryPhase()),
    });
    renderPage(api);
    const table = await screen.findByRole('table', { name: 'Training jobs' });
    expect(within(table).getAllByRole('row')).toHaveLength(6);

    const running = await findRow('running-1');
    const [id, phase, gpus, runtime, cost, submitted] = cells(running);
    expect(id).toBe('running-1trainingteam nlp-team');
    expect(phase).toBe('Running');
    expect(gpus).toBe('2on gpu-a100-0');
    expect(runtime).toBe('1:02:03started 4 min ago');
    expect(cost).toBe('12.50 EURof 40.00 EUR estimated');
    expect(submitted).toBe('5 min agoby alex.kim');
    expect(
      within(running).getByRole('link', { name: 'MLflow' }),
    ).toHaveAttribute('href', 'https://mlflow.example.com/#/experiments');
    expect(
      within(running).getByText('nlp-team/bert-finetuning'),
    ).toBeInTheDocument();

    // a waiting job says why, in words
    expect(cells(await findRow('pending-1'))[1]).toBe(
      'Pendingwaiting for GPUs: no node has 4 free nvidia.com/gpu (largest free: 2)',
    );
    expect(cells(await findRow('succeeded-1'))[1]).toBe('Succeeded');
    // the reason is shown under a failure
    expect(cells(await findRow('failed-1'))[1]).toBe(
      'FailedError (exit code 1)',
    );
    expect(cells(await findRow('error-1'))[1]).toBe('Errorpod deleted');
  });

  it('shows the attempt of a retried job and when it finished', async () => {
    const finishedAt = new Date(Date.now() - 2 * 60_000).toISOString();
    renderPage(
      mockJobsApi({
        listJobs: jest.fn(async () => [
          job({
            id: 'retried-1',
            phase: 'Failed',
            retries: 2,
            attempts: 3,
            finishedAt,
            message: 'main: Error (exit code 3): CUDA out of memory',
          }),
        ]),
      }),
    );
    const [, phase, , runtime] = cells(await findRow('retried-1'));
    expect(phase).toBe(
      'Failedmain: Error (exit code 3): CUDA out of memoryattempt 3 of 3',
    );
    expect(runtime).toBe('1:02:03started 4 min agofinished 2 min ago');
  });

  it('asks for the team chosen, and reads it from the address', async () => {
    const api = mockJobsApi();
    renderPage(api);
    const select = await screen.findByLabelText('Team');
    await waitFor(() =>
      expect(within(select).getAllByRole('option')).toHaveLength(3),
    );
    expect(select).toHaveValue('');
    expect(within(select).getAllByRole('option')[0]).toHaveTextContent(
      'All my teams',
    );
    expect(api.listJobs).toHaveBeenLastCalledWith(undefined);

    fireEvent.change(select, { target: { value: 'vision-team' } });
    await waitFor(() =>
      expect(api.listJobs).toHaveBeenLastCalledWith('vision-team'),
    );
    expect(await screen.findByText('Team vision-team')).toBeInTheDocument();
    // one team's jobs: no team line under each
    expect(
      within(await findRow('bert-finetuning-x7k2p')).queryByText(
        'team nlp-team',
      ),
    ).not.toBeInTheDocument();

    fireEvent.change(select, { target: { value: '' } });
    await waitFor(() =>
      expect(api.listJobs).toHaveBeenLastCalledWith(undefined),
    );
  });

  it('starts with the team in ?team=', async () => {
    const api = mockJobsApi();
    renderPage(api, { path: '/?team=nlp-team' });
    await findRow('bert-finetuning-x7k2p');
    expect(api.listJobs).toHaveBeenCalledWith('nlp-team');
    expect(api.listJobs).not.toHaveBeenCalledWith(undefined);
    expect(screen.getByLabelText('Team')).toHaveValue('nlp-team');
  });

  it('shows a refusal for a team the user is not in', async () => {
    const api = mockJobsApi({
      listJobs: jest.fn(async () => {
        throw await responseError(
          403,
          'NotAllowedError',
          'You are not a member of team asr-team',
        );
      }),
    });
    renderPage(api, { path: '/?team=asr-team' });
    expect(
      await screen.findByText('You are not a member of team asr-team'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Team')).toHaveValue('asr-team');
  });

  describe('live list', () => {
    beforeEach(() => {
      jest.useFakeTimers();
      setVisibility('visible');
    });
    afterEach(() => {
      jest.useRealTimers();
    });

    it('refreshes every 15 s while a job runs, not while the tab is hidden', async () => {
      const api = mockJobsApi({
        listJobs: jest.fn(async () => [job({ phase: 'Running' })]),
      });
      renderPage(api);
      const row = await findRow('bert-finetuning-x7k2p');
      await advance(0);
      expect(api.listJobs).toHaveBeenCalledTimes(1);

      await advance(14_999);
      expect(api.listJobs).toHaveBeenCalledTimes(1);
      await advance(1);
      expect(api.listJobs).toHaveBeenCalledTimes(2);

      setVisibility('hidden');
      await advance(60_000);
      expect(api.listJobs).toHaveBeenCalledTimes(2);

      api.listJobs.mockResolvedValue([job({ phase: 'Succeeded' })]);
      setVisibility('visible');
      await advance(0);
      expect(api.listJobs).toHaveBeenCalledTimes(3);
      expect(await within(row).findByText('Succeeded')).toBeInTheDocument();
      // nothing runs any more
      await advance(60_000);
      expect(api.listJobs).toHaveBeenCalledTimes(3);
    });

    it('does not refresh finished jobs', async () => {
      const api = mockJobsApi({
        listJobs: jest.fn(async () => [job({ phase: 'Failed' })]),
      });
      renderPage(api);
      await findRow('bert-finetuning-x7k2p');
      await advance(60_000);
      expect(api.listJobs).toHaveBeenCalledTimes(1);
    });
  });
});
