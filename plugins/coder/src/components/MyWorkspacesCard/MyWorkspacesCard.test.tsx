import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { coderApiRef, type CoderApi } from '../../api';
import {
  CODER_URL,
  mockCoderApi,
  okWorkspaces,
  responseError,
  workspace,
} from '../../__testUtils__/fixtures';
import { user } from '../../__testUtils__/userInput';
import { MyWorkspacesCard } from './MyWorkspacesCard';

jest.setTimeout(20_000);

function render(api: CoderApi) {
  return renderInTestApp(<MyWorkspacesCard />, {
    apis: [[coderApiRef, api]],
  });
}

describe('MyWorkspacesCard', () => {
  it("lists the user's workspaces with state, GPUs and a link into Coder", async () => {
    const api = mockCoderApi({
      listWorkspaces: jest.fn(async () =>
        okWorkspaces([
          workspace(),
          workspace({ name: 'notebook', state: 'stopped', gpus: undefined }),
        ]),
      ),
    });
    render(api);
    const table = await screen.findByRole('table', { name: 'My workspaces' });
    expect(api.listWorkspaces).toHaveBeenCalledWith();
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(
      within(screen.getByTestId('my-workspace-notebook'))
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'notebook, Opens in a new window',
      'GPU PyTorch',
      'stopped',
      '—',
      '5 min ago',
    ]);
    expect(screen.getByRole('link', { name: /^bert-gpu-1/ })).toHaveAttribute(
      'href',
      `${CODER_URL}/@amira/bert-gpu-1`,
    );
    expect(screen.getByRole('link', { name: /Open Coder/ })).toHaveAttribute(
      'href',
      `${CODER_URL}/workspaces`,
    );
  });

  it('shows progress while loading', async () => {
    render(
      mockCoderApi({ listWorkspaces: jest.fn(() => new Promise(() => {})) }),
    );
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('says where to start a workspace when there is none', async () => {
    render(
      mockCoderApi({ listWorkspaces: jest.fn(async () => okWorkspaces([])) }),
    );
    expect(
      await screen.findByText(/You have no workspace yet/),
    ).toBeInTheDocument();
  });

  it('explains a Coder account that is not connected, or a Coder not set up', async () => {
    const a = render(
      mockCoderApi({
        listWorkspaces: jest.fn(async () => ({
          status: 'not-connected',
          coderUrl: CODER_URL,
        })),
      }),
    );
    expect(
      await screen.findByText(/Your Coder account is not connected/),
    ).toBeInTheDocument();
    a.unmount();
    render(
      mockCoderApi({
        listWorkspaces: jest.fn(async () => ({
          status: 'not-configured',
          message: 'Set coder.baseUrl in app-config.yaml',
        })),
      }),
    );
    expect(
      await screen.findByText('Set coder.baseUrl in app-config.yaml'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Open Coder/ })).toBeNull();
  });

  it("shows a failure with Coder's message and retries", async () => {
    const api = mockCoderApi({
      listWorkspaces: jest
        .fn()
        .mockRejectedValueOnce(
          await responseError(502, 'BadGatewayError', 'Coder did not answer'),
        )
        .mockResolvedValue(okWorkspaces()),
    });
    render(api);
    expect(await screen.findByText('Coder did not answer')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByTestId('my-workspace-bert-gpu-1'),
    ).toBeInTheDocument();
  });
});
