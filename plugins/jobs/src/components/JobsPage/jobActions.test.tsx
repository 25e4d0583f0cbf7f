import { screen, waitFor, within } from '@testing-library/react';
import {
  job,
  jobsInEveryPhase,
  mockJobsApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { findRow, renderPage } from '../../__testUtils__/renderPage';
import { user } from '../../__testUtils__/userInput';

jest.setTimeout(20_000);

describe('job actions', () => {
  describe('logs', () => {
    it('shows the logs in a monospace block and reads them again on Refresh', async () => {
      const api = mockJobsApi({
        getLogs: jest
          .fn()
          .mockResolvedValueOnce('epoch 1 loss 0.42\n')
          .mockResolvedValue('epoch 1 loss 0.42\nepoch 2 loss 0.31\n'),
      });
      renderPage(api);
      const row = await findRow('bert-finetuning-x7k2p');
      await user.click(within(row).getByRole('button', { name: 'Logs' }));

      const dialog = await screen.findByRole('dialog', {
        name: 'Logs of bert-finetuning-x7k2p',
      });
      const logs = await within(dialog).findByLabelText(
        'Logs of bert-finetuning-x7k2p',
      );
      expect(logs.tagName).toBe('PRE');
      expect(logs).toHaveTextContent('epoch 1 loss 0.42');
      expect(api.getLogs).toHaveBeenCalledWith('bert-finetuning-x7k2p');

      await user.click(within(dialog).getByRole('button', { name: 'Refresh' }));
      await waitFor(() => expect(logs).toHaveTextContent('epoch 2 loss 0.31'));
      expect(api.getLogs).toHaveBeenCalledTimes(2);

      await user.click(within(dialog).getByRole('button', { name: 'Close' }));
      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
    });

    it("shows the server's error inside the dialog", async () => {
      const api = mockJobsApi({
        getLogs: jest.fn(async () => {
          throw await responseError(
            404,
            'NotFoundError',
            'No pod of job bert-finetuning-x7k2p has started yet',
          );
        }),
      });
      renderPage(api);
      const row = await findRow('bert-finetuning-x7k2p');
      await user.click(within(row).getByRole('button', { name: 'Logs' }));
      const dialog = await screen.findByRole('dialog');
      expect(
        await within(dialog).findByText(
          'No pod of job bert-finetuning-x7k2p has started yet',
        ),
      ).toBeInTheDocument();
      expect(within(dialog).queryByLabelText(/^Logs of/)).toBeNull();
    });

    it('says when there are no logs yet', async () => {
      const api = mockJobsApi({ getLogs: jest.fn(async () => '') });
      renderPage(api);
      const row = await findRow('bert-finetuning-x7k2p');
      await user.click(within(row).getByRole('button', { name: 'Logs' }));
      expect(
        await screen.findByText(
          'No logs yet: a job writes them once its first pod runs.',
        ),
      ).toBeInTheDocument();
    });
  });

  describe('cancel', () => {
    it('is offered only for pending and running jobs', async () => {
      const api = mockJobsApi({
        listJobs: jest.fn(async () => jobsInEveryPhase()),
      });
      renderPage(api);
      const cancelIn = async (id: string) =>
        within(await findRow(id)).queryByRole('button', { name: 'Cancel' });
      expect(await cancelIn('pending-1')).toBeInTheDocument();
      expect(await cancelIn('running-1')).toBeInTheDocument();
      expect(await cancelIn('succeeded-1')).not.toBeInTheDocument();
      expect(await cancelIn('failed-1')).not.toBeInTheDocument();
      expect(await cancelIn('error-1')).not.toBeInTheDocument();
    });

    it('asks first, then cancels the job and drops it from the list', async () => {
      const api = mockJobsApi({
        listJobs: jest.fn(async () => [
          job(),
          job({ id: 'other-1', phase: 'Succeeded' }),
        ]),
      });
      renderPage(api);
      const row = await findRow('bert-finetuning-x7k2p');
      await user.click(within(row).getByRole('button', { name: 'Cancel' }));

      const dialog = await screen.findByRole('dialog', {
        name: 'Cancel job bert-finetuning-x7k2p?',
      });
      expect(dialog).toHaveTextContent(
        'Its pods are stopped and its budget reservation is released.',
      );
      expect(api.cancelJob).not.toHaveBeenCalled();
      await user.click(
        within(dialog).getByRole('button', { name: 'Cancel job' }),
      );

      expect(
        await screen.findByText(/Job bert-finetuning-x7k2p cancelled/),
      ).toBeInTheDocument();
      expect(api.cancelJob).toHaveBeenCalledTimes(1);
      expect(api.cancelJob).toHaveBeenCalledWith('bert-finetuning-x7k2p');
      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(
        screen.queryByTestId('job-bert-finetuning-x7k2p'),
      ).not.toBeInTheDocument();
      expect(screen.getByTestId('job-other-1')).toBeInTheDocument();
    });

    it('does nothing when the user keeps the job running', async () => {
      const api = mockJobsApi();
      renderPage(api);
      const row = await findRow('bert-finetuning-x7k2p');
      await user.click(within(row).getByRole('button', { name: 'Cancel' }));
      const dialog = await screen.findByRole('dialog');
      await user.click(
        within(dialog).getByRole('button', { name: 'Keep running' }),
      );
      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(api.cancelJob).not.toHaveBeenCalled();
      expect(row).toBeInTheDocument();
    });

    it("shows the server's refusal in the dialog", async () => {
      const api = mockJobsApi({
        cancelJob: jest.fn(async () => {
          throw await responseError(
            403,
            'NotAllowedError',
            'You may not do this with training jobs (permission jobs.submit)',
          );
        }),
      });
      renderPage(api);
      const row = await findRow('bert-finetuning-x7k2p');
      await user.click(within(row).getByRole('button', { name: 'Cancel' }));
      const dialog = await screen.findByRole('dialog');
      await user.click(
        within(dialog).getByRole('button', { name: 'Cancel job' }),
      );
      expect(
        await within(dialog).findByText(
          'You may not do this with training jobs (permission jobs.submit)',
        ),
      ).toBeInTheDocument();
      expect(row).toBeInTheDocument();
    });
  });
});
