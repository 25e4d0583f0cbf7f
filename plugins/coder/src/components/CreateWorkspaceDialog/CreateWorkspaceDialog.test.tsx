import { screen, waitFor, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import type { CoderApi } from '../../api';
import {
  CODER_URL,
  created,
  mlProject,
  mockCoderApi,
  REPO,
  responseError,
} from '../../__testUtils__/fixtures';
import { findRow, renderCard } from '../../__testUtils__/renderCard';
import { user } from '../../__testUtils__/userInput';

jest.setTimeout(20_000);

const never = () => new Promise<never>(() => {});

async function openDialog(api: CoderApi, entity: Entity = mlProject()) {
  renderCard(api, entity);
  await user.click(
    await screen.findByRole('button', { name: 'Create workspace' }),
  );
  const dialog = await screen.findByRole('dialog', {
    name: 'Create workspace',
  });
  await within(dialog).findByLabelText('Name');
  return dialog;
}

describe('CreateWorkspaceDialog', () => {
  it("opens with the project's template, its GPUs, repository and team", async () => {
    const dialog = await openDialog(mockCoderApi());
    expect(within(dialog).getByLabelText('Template')).toHaveValue(
      'gpu-pytorch',
    );
    const gpus = within(dialog).getByLabelText('GPUs');
    expect(gpus).toHaveValue(1);
    expect(gpus).toHaveAttribute('min', '0');
    expect(gpus).toHaveAttribute('max', '4');
    expect(within(dialog).getByText(`Repository: ${REPO}`)).toBeInTheDocument();
    expect(within(dialog).getByText('Team: nlp-team')).toBeInTheDocument();
  });

  it('creates the workspace, closes and shows it with the budget reserved', async () => {
    const api = mockCoderApi({
      getWorkspace: jest.fn(never),
      createWorkspace: jest.fn(async () =>
        created({
          reservation: { id: 'r-1', estimate: 12.5, currency: 'USD' },
        }),
      ),
    });
    const dialog = await openDialog(api);
    await user.type(within(dialog).getByLabelText('Name'), 'bert-gpu-2');
    const gpus = within(dialog).getByLabelText('GPUs');
    await user.clear(gpus);
    await user.type(gpus, '2');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(api.createWorkspace).toHaveBeenCalledWith({
      name: 'bert-gpu-2',
      template: 'gpu-pytorch',
      team: 'nlp-team',
      gpus: 2,
      repoUrl: REPO,
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(
      await screen.findByText(
        "Workspace bert-gpu-2 is being created. About 12.50 USD of the team's budget is reserved for it.",
      ),
    ).toBeInTheDocument();
    const row = await findRow('bert-gpu-2');
    expect(within(row).getByText('starting')).toBeInTheDocument();
    expect(await findRow('bert-gpu-1')).toBeInTheDocument();
  });

  it('says nothing of a budget when none was reserved', async () => {
    const api = mockCoderApi({ getWorkspace: jest.fn(never) });
    const dialog = await openDialog(api);
    await user.type(within(dialog).getByLabelText('Name'), 'bert-gpu-2');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(
      await screen.findByText('Workspace bert-gpu-2 is being created.'),
    ).toBeInTheDocument();
  });

  it("shows the server's quota refusal in the dialog and keeps the form", async () => {
    const message =
      'nlp-team has 1 of 8 nvidia.com/gpu available; bert-gpu-2 asks for 2. Stop a workspace or ask for more GPUs.';
    const api = mockCoderApi({
      createWorkspace: jest.fn(async () => {
        throw await responseError(409, 'ConflictError', message);
      }),
    });
    const dialog = await openDialog(api);
    await user.type(within(dialog).getByLabelText('Name'), 'bert-gpu-2');
    const gpus = within(dialog).getByLabelText('GPUs');
    await user.clear(gpus);
    await user.type(gpus, '2');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(await within(dialog).findByText(message)).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Name')).toHaveValue('bert-gpu-2');
    expect(within(dialog).getByLabelText('GPUs')).toHaveValue(2);
    expect(
      within(dialog).getByRole('button', { name: 'Create' }),
    ).toBeEnabled();
    expect(screen.queryByTestId('workspace-bert-gpu-2')).toBeNull();
  });

  it('checks the name and GPU count before sending anything', async () => {
    const api = mockCoderApi();
    const dialog = await openDialog(api);
    await user.type(within(dialog).getByLabelText('Name'), 'bert_gpu-');
    const gpus = within(dialog).getByLabelText('GPUs');
    await user.clear(gpus);
    await user.type(gpus, '9');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(
      await within(dialog).findByText(
        /^Name must be letters, digits and single hyphens/,
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('At most 4 for this template'),
    ).toBeInTheDocument();
    expect(api.createWorkspace).not.toHaveBeenCalled();

    const name = within(dialog).getByLabelText('Name');
    await user.clear(name);
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(
      await within(dialog).findByText('Name must not be empty'),
    ).toBeInTheDocument();
    expect(api.createWorkspace).not.toHaveBeenCalled();
  });

  it("takes another template's GPU settings, or none", async () => {
    const api = mockCoderApi({ getWorkspace: jest.fn(never) });
    const dialog = await openDialog(api);
    await user.selectOptions(
      within(dialog).getByLabelText('Template'),
      'cpu-python',
    );
    expect(within(dialog).queryByLabelText('GPUs')).toBeNull();
    expect(
      within(dialog).getByText(/This template has no GPU parameter/),
    ).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Name'), 'notebook');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() =>
      expect(api.createWorkspace).toHaveBeenCalledWith({
        name: 'notebook',
        template: 'cpu-python',
        team: 'nlp-team',
        gpus: 0,
        repoUrl: REPO,
      }),
    );
  });

  it('asks for a template when the project names none Coder has', async () => {
    const api = mockCoderApi();
    const dialog = await openDialog(
      api,
      mlProject({ 'coder.com/template': 'gpu-jax' }),
    );
    expect(
      within(dialog).getByText(/The project's template gpu-jax is not one/),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Template')).toHaveValue('');
    await user.type(within(dialog).getByLabelText('Name'), 'bert-gpu-2');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(
      await within(dialog).findByText('Choose a template'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByLabelText('Template'),
    ).toHaveAccessibleDescription('Choose a template');
    expect(api.createWorkspace).not.toHaveBeenCalled();
  });

  it('shows why the templates could not be loaded and retries', async () => {
    const api = mockCoderApi({
      listTemplates: jest
        .fn()
        .mockRejectedValueOnce(
          await responseError(503, 'ServiceUnavailableError', 'Coder is down'),
        )
        .mockResolvedValue([]),
    });
    renderCard(api);
    await user.click(
      await screen.findByRole('button', { name: 'Create workspace' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText('Coder is down'),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Retry' }));
    expect(
      await within(dialog).findByText(/Coder has no templates you may use/),
    ).toBeInTheDocument();
  });

  it('asks to connect again when Coder refuses the token', async () => {
    const api = mockCoderApi({
      createWorkspace: jest.fn(async () => {
        throw await responseError(
          401,
          'AuthenticationError',
          'Connect Coder first',
        );
      }),
    });
    const dialog = await openDialog(api);
    api.getConnection.mockResolvedValue({
      status: 'not-connected',
      coderUrl: CODER_URL,
    });
    await user.type(within(dialog).getByLabelText('Name'), 'bert-gpu-2');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(
      await screen.findByLabelText('Coder session token'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
