import { ResponseError } from '@backstage/errors';
import { fireEvent, render, screen } from '@testing-library/react';
import { errorMessage } from './errorMessage';
import { CLUSTER_STARTING_RETRY_MS, ErrorState } from './states';

async function responseError(
  status: number,
  message: string,
  name = 'InputError',
) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: 'Bad',
        headers: { 'Content-Type': 'application/json' },
      },
    ) as never,
  );
}

describe('error states', () => {
  it("shows the server's own message, not the status line", async () => {
    const error = await responseError(400, 'filter: unknown column foo');
    expect(errorMessage(error)).toBe('filter: unknown column foo');
    expect(errorMessage(new Error('offline'))).toBe('offline');
    expect(errorMessage('odd')).toBe('odd');
  });

  it('offers a retry', async () => {
    const retry = jest.fn();
    render(<ErrorState error={new Error('MLflow is down')} onRetry={retry} />);
    expect(screen.getByText('MLflow is down')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('says the local cluster is being built, as information, and looks again by itself', async () => {
    jest.useFakeTimers();
    try {
      const error = await responseError(
        503,
        'Could not list jobs: the local cluster is still being built (step 2 of 5: kube-apiserver; about 6 min left).',
        'ClusterStartingError',
      );
      const retry = jest.fn();
      render(<ErrorState error={error} onRetry={retry} />);
      expect(
        screen.getByText('The local cluster is being built'),
      ).toBeInTheDocument();
      expect(
        screen.getByText(/step 2 of 5: kube-apiserver/),
      ).toBeInTheDocument();
      expect(screen.getByRole('alert')).toHaveClass('MuiAlert-standardInfo');
      expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
      jest.advanceTimersByTime(CLUSTER_STARTING_RETRY_MS - 1);
      expect(retry).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(retry).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('a cluster that does not answer for another reason stays an error, with no retry of its own', async () => {
    jest.useFakeTimers();
    try {
      const error = await responseError(
        503,
        'the Kubernetes API server did not answer',
        'ServiceUnavailableError',
      );
      const retry = jest.fn();
      render(<ErrorState error={error} onRetry={retry} />);
      expect(screen.getByRole('alert')).toHaveClass('MuiAlert-standardError');
      jest.advanceTimersByTime(CLUSTER_STARTING_RETRY_MS * 2);
      expect(retry).not.toHaveBeenCalled();
    } finally {
      jest.useRealTimers();
    }
  });
});
