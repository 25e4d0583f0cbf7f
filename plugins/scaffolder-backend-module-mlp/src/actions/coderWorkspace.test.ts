import { ConfigReader } from '@backstage/config';
import { ResponseError } from '@backstage/errors';
import type { CoderWorkspace } from '@internal/plugin-coder-common';
import type { CoderWorkspacesService } from '@internal/plugin-coder-node';
import { readSettings } from '../settings';
import { accessFor, runAction } from '../__testUtils__/fakes';
import { createCoderWorkspaceAction } from './coderWorkspace';

const settings = readSettings(new ConfigReader({}));
const member = {
  access: accessFor({ keeper: false, teams: ['nlp-team'] }),
  settings,
};

const input = {
  name: 'churn-dev',
  template: 'gpu-pytorch',
  team: 'nlp-team',
  gpus: 1,
  repoUrl: 'https://github.com/acme/churn',
};

function workspace(name: string): CoderWorkspace {
  return {
    id: `id-${name}`,
    name,
    owner: 'amira',
    template: 'gpu-pytorch',
    templateDisplayName: 'GPU PyTorch',
    state: 'pending',
    transition: 'start',
    createdAt: '2026-11-23T06:00:00Z',
    lastUsedAt: '2026-11-23T06:00:00Z',
    gpus: 1,
    parameters: {},
    outdated: false,
    links: {
      dashboard: `https://coder.example.com/@amira/${name}`,
      vscode: `vscode://coder.coder-remote/open?owner=amira&workspace=${name}`,
    },
  };
}

async function backendError(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/workspaces' },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

function coder(existing: CoderWorkspace[] = []) {
  const list = jest.fn(async () => ({
    status: 'ok' as const,
    coderUrl: 'https://coder.example.com',
    workspaces: existing,
  }));
  const create = jest.fn(async (req: { name: string }) => ({
    workspace: workspace(req.name),
    reservation: { id: 'r-1', estimate: 20, currency: 'EUR' },
  }));
  return {
    service: { list, create } as unknown as CoderWorkspacesService,
    list,
    create,
  };
}

describe('mlp:coder:workspace', () => {
  it('creates the workspace as the user and gives its links', async () => {
    const { service, create } = coder();
    const out = await runAction(
      createCoderWorkspaceAction(member, service),
      input,
    );
    expect(create).toHaveBeenCalledWith(
      input,
      expect.objectContaining({ credentials: expect.anything() }),
    );
    expect(out).toEqual({
      workspaceId: 'id-churn-dev',
      dashboardUrl: 'https://coder.example.com/@amira/churn-dev',
      vscodeUrl:
        'vscode://coder.coder-remote/open?owner=amira&workspace=churn-dev',
    });
  });

  it('keeps a workspace of that name instead of making a second one', async () => {
    const { service, create } = coder([workspace('churn-dev')]);
    const out = await runAction(
      createCoderWorkspaceAction(member, service),
      input,
    );
    expect(create).not.toHaveBeenCalled();
    expect(out.workspaceId).toBe('id-churn-dev');
  });

  it('creates nothing in a dry run', async () => {
    const { service, create, list } = coder();
    const out = await runAction(
      createCoderWorkspaceAction(member, service),
      input,
      { isDryRun: true },
    );
    expect(create).not.toHaveBeenCalled();
    expect(list).not.toHaveBeenCalled();
    expect(out).toEqual({});
  });

  it("passes on the backend's refusal with its figures", async () => {
    const { service, create } = coder();
    create.mockRejectedValueOnce(
      await backendError(
        409,
        'ConflictError',
        "gpus: 1 GPUs do not fit in nlp-team's GPU quota: 4 of 4 are in use, 0 free",
      ),
    );
    await expect(
      runAction(createCoderWorkspaceAction(member, service), input),
    ).rejects.toThrow(
      "mlp:coder:workspace: gpus: 1 GPUs do not fit in nlp-team's GPU quota: 4 of 4 are in use, 0 free",
    );
  });

  it('tells a user without a Coder connection where to connect', async () => {
    const { service, create } = coder();
    create.mockRejectedValueOnce(
      await backendError(
        401,
        'AuthenticationError',
        'Connect your Coder account first',
      ),
    );
    await expect(
      runAction(createCoderWorkspaceAction(member, service), input),
    ).rejects.toThrow(/connect Coder in its "Coder workspaces" card/);
  });

  it.each([
    [{ name: '-bad-' }, /name: letters, digits and single hyphens/],
    [{ name: 'a'.repeat(33) }, /name: at most 32 characters/],
    [{ gpus: -1 }, /gpus/],
    [{ repoUrl: 'not a url' }, /repoUrl: must be the repository URL/],
  ])('refuses %j before calling anything', async (change, message) => {
    const { service, create, list } = coder();
    await expect(
      runAction(createCoderWorkspaceAction(member, service), {
        ...input,
        ...change,
      }),
    ).rejects.toThrow(message);
    expect(create).not.toHaveBeenCalled();
    expect(list).not.toHaveBeenCalled();
  });

  it('refuses to create for a team the user is not in', async () => {
    const { service, create } = coder();
    await expect(
      runAction(
        createCoderWorkspaceAction(
          {
            access: accessFor({ keeper: false, teams: ['vision-team'] }),
            settings,
          },
          service,
        ),
        input,
      ),
    ).rejects.toThrow(/nlp-team/);
    expect(create).not.toHaveBeenCalled();
  });
});
