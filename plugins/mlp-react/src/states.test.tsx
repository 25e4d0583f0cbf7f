import { ResponseError } from '@backstage/errors';
import { fireEvent, render, screen } from '@testing-library/react';
import { errorMessage } from './errorMessage';
import { ErrorState } from './states';

async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'InputError', message },
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
});
