import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { jobsApiRef } from '../../api';
import { mockJobsApi } from '../../__testUtils__/fixtures';
import { CliPanel } from './CliPanel';

jest.setTimeout(20_000);

function renderPanel() {
  const identityApi = mockApis.identity({
    userEntityRef: 'user:default/alex.kim',
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
    renderPanel();
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
      screen.getByText(/you approve it once\. The login lasts 30 days unused/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Copy token' }),
    ).not.toBeInTheDocument();
  });
});
