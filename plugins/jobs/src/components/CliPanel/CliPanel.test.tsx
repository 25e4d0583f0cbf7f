import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { IdentityApi } from '@backstage/frontend-plugin-api';
import { jobsApiRef } from '../../api';
import { mockJobsApi } from '../../__testUtils__/fixtures';
import { user } from '../../__testUtils__/userInput';
import { CliPanel } from './CliPanel';

jest.setTimeout(20_000);

function mockClipboard(writeText: jest.Mock) {
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText },
  });
}

function renderPanel(identity: Partial<IdentityApi> | { token?: string }) {
  const identityApi =
    'getCredentials' in identity
      ? mockApis.identity.mock(identity as Partial<IdentityApi>)
      : mockApis.identity({
          userEntityRef: 'user:default/alex.kim',
          ...identity,
        });
  return renderInTestApp(<CliPanel />, {
    apis: [
      [
        jobsApiRef,
        mockJobsApi({
          getBackendUrl: jest.fn(async () => 'https://portal.example.com'),
        }),
      ],
      identityApi,
    ],
  });
}

describe('CliPanel', () => {
  it('explains how to install the CLI, log in to this portal and submit a job', async () => {
    mockClipboard(jest.fn(async () => undefined));
    renderPanel({ token: 'portal-token-123' });
    expect(await screen.findByText('Use the mlp CLI')).toBeInTheDocument();
    expect(screen.getByText('pip install ./sdk/python')).toBeInTheDocument();
    expect(
      await screen.findByText('mlp login --url https://portal.example.com'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'mlp train --name bert-finetuning --image ml-training:latest --script train.py --gpu 1 --memory 16Gi --timeout-hours 24',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/expires with your portal session \(about an hour\)/),
    ).toBeInTheDocument();
  });

  it("copies the user's token to the clipboard", async () => {
    const writeText = jest.fn(async (_text: string) => undefined);
    renderPanel({ token: 'portal-token-123' });
    const button = await screen.findByRole('button', { name: 'Copy token' });
    mockClipboard(writeText);
    await user.click(button);
    expect(await screen.findByText('Copied')).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith('portal-token-123');
  });

  it('shows why the clipboard refused', async () => {
    renderPanel({ token: 'portal-token-123' });
    const button = await screen.findByRole('button', { name: 'Copy token' });
    mockClipboard(
      jest.fn(async () => {
        throw new Error('Write permission denied.');
      }),
    );
    await user.click(button);
    expect(
      await screen.findByText('Write permission denied.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Copied')).not.toBeInTheDocument();
  });

  it('says so when there is no token to copy', async () => {
    const writeText = jest.fn(async () => undefined);
    renderPanel({ getCredentials: jest.fn(async () => ({})) });
    const button = await screen.findByRole('button', { name: 'Copy token' });
    mockClipboard(writeText);
    await user.click(button);
    expect(
      await screen.findByText(/The portal has no token for you/),
    ).toBeInTheDocument();
    expect(writeText).not.toHaveBeenCalled();
  });
});
