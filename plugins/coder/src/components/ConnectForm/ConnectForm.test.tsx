import { screen, waitFor } from '@testing-library/react';
import {
  CODER_URL,
  mockCoderApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { findRow, renderCard } from '../../__testUtils__/renderCard';
import { user } from '../../__testUtils__/userInput';

jest.setTimeout(20_000);

const notConnected = () =>
  jest.fn(async () => ({
    status: 'not-connected' as const,
    coderUrl: CODER_URL,
  }));

describe('ConnectForm', () => {
  it('stores the token and lists the workspaces as the connected user', async () => {
    const api = mockCoderApi({ getConnection: notConnected() });
    renderCard(api);
    await user.type(
      await screen.findByLabelText('Coder session token'),
      '  Xy7kq2-abcdefghijklmnop  ',
    );
    await user.click(screen.getByRole('button', { name: 'Connect Coder' }));
    expect(api.connect).toHaveBeenCalledWith('Xy7kq2-abcdefghijklmnop');
    expect(await screen.findByText('amira')).toBeInTheDocument();
    expect(await findRow('bert-gpu-1')).toBeInTheDocument();
    expect(screen.queryByLabelText('Coder session token')).toBeNull();
  });

  it("shows Coder's refusal in the form and keeps it open", async () => {
    const api = mockCoderApi({
      getConnection: notConnected(),
      connect: jest.fn(async () => {
        throw await responseError(
          400,
          'InputError',
          'Coder refused the token: 401 Unauthorized (API key is invalid)',
        );
      }),
    });
    renderCard(api);
    const field = await screen.findByLabelText('Coder session token');
    await user.type(field, 'wrong-token-0123456789');
    await user.click(screen.getByRole('button', { name: 'Connect Coder' }));
    expect(
      await screen.findByText(
        'Coder refused the token: 401 Unauthorized (API key is invalid)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Coder session token')).toHaveValue(
      'wrong-token-0123456789',
    );
    expect(screen.getByRole('button', { name: 'Connect Coder' })).toBeEnabled();
    expect(api.listWorkspaces).not.toHaveBeenCalled();
  });

  it('does not send something that cannot be a token', async () => {
    const api = mockCoderApi({ getConnection: notConnected() });
    renderCard(api);
    await user.type(await screen.findByLabelText('Coder session token'), 'abc');
    await user.click(screen.getByRole('button', { name: 'Connect Coder' }));
    expect(
      await screen.findByText(/must be a Coder session token/),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.connect).not.toHaveBeenCalled());
  });
});
