// Test-only: answers of the Coder backend in its documented shapes, and a mock API.
import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  CoderConnection,
  CoderTemplateSummary,
  CoderWorkspace,
  CreatedWorkspace,
  CreateWorkspaceRequest,
  WorkspacesAnswer,
  WorkspaceTransition,
} from '@internal/plugin-coder-common';
import type { CoderApi } from '../api';

export const CODER_URL = 'https://coder.example';
export const REPO = 'https://github.com/acme/support-ticket-classifier';

export const connected: CoderConnection = {
  status: 'connected',
  coderUrl: CODER_URL,
  username: 'amira',
  connectedAt: '2026-11-20T09:00:00Z',
};

export function workspace(
  overrides: Partial<CoderWorkspace> = {},
): CoderWorkspace {
  const name = overrides.name ?? 'bert-gpu-1';
  return {
    id: `id-${name}`,
    name,
    owner: 'amira',
    template: 'gpu-pytorch',
    templateDisplayName: 'GPU PyTorch',
    state: 'running',
    transition: 'start',
    createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    lastUsedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    gpus: 2,
    repoUrl: REPO,
    parameters: { gpus: '2', repo_url: REPO },
    outdated: false,
    links: {
      dashboard: `${CODER_URL}/@amira/${name}`,
      vscode: `vscode://coder.coder-remote/open?owner=amira&workspace=${name}`,
    },
    ...overrides,
  };
}

export function okWorkspaces(
  workspaces: CoderWorkspace[] = [workspace()],
): WorkspacesAnswer {
  return { status: 'ok', coderUrl: CODER_URL, workspaces };
}

export const gpuTemplate: CoderTemplateSummary = {
  id: 'tpl-1',
  name: 'gpu-pytorch',
  displayName: 'GPU PyTorch',
  description: 'PyTorch with CUDA',
  gpuParameter: {
    name: 'gpus',
    displayName: 'GPUs',
    type: 'number',
    defaultValue: '1',
    required: false,
    min: 0,
    max: 4,
    options: [],
  },
  repoParameter: {
    name: 'repo_url',
    displayName: 'Repository',
    type: 'string',
    defaultValue: '',
    required: false,
    options: [],
  },
  parameters: [],
};

export const cpuTemplate: CoderTemplateSummary = {
  id: 'tpl-2',
  name: 'cpu-python',
  displayName: 'CPU Python',
  description: 'Python without GPUs',
  parameters: [],
};

export function created(
  overrides: Partial<CreatedWorkspace> = {},
): CreatedWorkspace {
  return {
    workspace: workspace({
      id: 'id-new',
      name: 'bert-gpu-2',
      state: 'starting',
    }),
    ...overrides,
  };
}

/** Every method a jest mock; tests replace the answers they need. */
export function mockCoderApi(
  overrides: Partial<Record<keyof CoderApi, jest.Mock>> = {},
): jest.Mocked<CoderApi> {
  const defaults: jest.Mocked<CoderApi> = {
    getConnection: jest.fn(async () => connected),
    connect: jest.fn(async (_token: string) => connected),
    disconnect: jest.fn(async () => undefined),
    listTemplates: jest.fn(async () => [gpuTemplate, cpuTemplate]),
    getQuota: jest.fn(async () => undefined),
    listWorkspaces: jest.fn(async () => okWorkspaces()),
    getWorkspace: jest.fn(async (id: string) => workspace({ id })),
    createWorkspace: jest.fn(async (_request: CreateWorkspaceRequest) =>
      created(),
    ),
    buildWorkspace: jest.fn(
      async (id: string, _transition: WorkspaceTransition) => workspace({ id }),
    ),
  };
  return { ...defaults, ...overrides } as jest.Mocked<CoderApi>;
}

/** A ResponseError as CoderBackendClient throws it for a backend error answer. */
export async function responseError(
  statusCode: number,
  name: string,
  message: string,
) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({ error: { name, message }, response: { statusCode } }),
      { status: statusCode, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

/** An ML project, with the annotations the card reads. */
export function mlProject(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'support-ticket-classifier',
      annotations: {
        'backstage.io/source-location': `url:${REPO}/tree/main/`,
        'coder.com/template': 'gpu-pytorch',
        ...annotations,
      },
    },
    spec: { type: 'ml-model', lifecycle: 'production', owner: 'nlp-team' },
  };
}

export const userEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'amira.haddad' },
  spec: { memberOf: ['nlp-team'] },
};
