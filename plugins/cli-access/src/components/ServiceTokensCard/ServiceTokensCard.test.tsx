import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { ServiceToken } from '@internal/plugin-cli-access-common';
import { cliAccessApiRef } from '../../api';
import { ServiceTokensCard } from './ServiceTokensCard';

jest.setTimeout(20_000);

const nightly: ServiceToken = {
  id: '0f0e0d0c-0000-4000-8000-000000000001',
  userEntityRef: 'user:default/nlp-ci',
  name: 'nightly',
  createdBy: 'user:default/morgan.lee',
  createdAt: '2026-12-04T20:00:00.000Z',
  expiresAt: '2027-03-04T20:00:00.000Z',
};

function render(api: Record<string, jest.Mock>) {
  return renderInTestApp(<ServiceTokensCard />, {
    apis: [[cliAccessApiRef, api]] as any,
  });
}

describe('ServiceTokensCard', () => {
  it('makes a token, shows it once, and names a wrong field before sending', async () => {
    let tokens: ServiceToken[] = [];
    const api = {
      listServiceTokens: jest.fn(async () => tokens),
      createServiceToken: jest.fn(async () => {
        tokens = [nightly];
        return { token: 'mlpst_secret-once', serviceToken: nightly };
      }),
      revokeServiceToken: jest.fn(),
    };
    render(api);
    expect(await screen.findByText(/No service token yet/)).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'New service token' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'New service token',
    });
    await userEvent.type(
      within(dialog).getByLabelText('Acts as user'),
      'nlp-ci',
    );
    await userEvent.type(within(dialog).getByLabelText('Name'), 'nightly');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Make token' }),
    );
    expect(
      within(dialog).getByText(
        'is not a user reference: write it as user:default/nlp-ci',
      ),
    ).toBeInTheDocument();
    expect(api.createServiceToken).not.toHaveBeenCalled();

    const user = within(dialog).getByLabelText('Acts as user');
    await userEvent.clear(user);
    await userEvent.type(user, 'user:default/nlp-ci');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Make token' }),
    );
    expect(api.createServiceToken).toHaveBeenCalledWith({
      user: 'user:default/nlp-ci',
      name: 'nightly',
      days: 90,
    });
    expect(await screen.findByTestId('new-service-token')).toHaveTextContent(
      'mlpst_secret-once',
    );
    const row = await screen.findByTestId(`service-token-${nightly.id}`);
    expect(within(row).getByText('nlp-ci')).toBeInTheDocument();
    expect(within(row).getByText('never')).toBeInTheDocument();
  });

  it('revokes a token after asking', async () => {
    const api = {
      listServiceTokens: jest.fn(async () => [nightly]),
      createServiceToken: jest.fn(),
      revokeServiceToken: jest.fn(async () => nightly),
    };
    render(api);
    const row = await screen.findByTestId(`service-token-${nightly.id}`);
    await userEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Revoke the service token nightly?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke' }),
    );
    expect(api.revokeServiceToken).toHaveBeenCalledWith(nightly.id);
    expect(
      await screen.findByText(
        'Revoked the service token nightly: it stops working at once.',
      ),
    ).toBeInTheDocument();
  });

  it('shows why the list cannot load', async () => {
    const api = {
      listServiceTokens: jest.fn(async () => {
        throw new Error(
          'only platform keepers make, see and revoke service tokens',
        );
      }),
      createServiceToken: jest.fn(),
      revokeServiceToken: jest.fn(),
    };
    render(api);
    expect(
      await screen.findByText(/only platform keepers make, see and revoke/),
    ).toBeInTheDocument();
  });
});
