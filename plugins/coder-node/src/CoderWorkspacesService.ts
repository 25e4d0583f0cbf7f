import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  CoderWorkspace,
  CreatedWorkspace,
  CreateWorkspaceRequest,
  WorkspacesAnswer,
} from '@internal/plugin-coder-common';

/** The Coder workspaces plugin for backend code outside it (the scaffolder action). */
export interface CoderWorkspacesService {
  /**
   * Creates a workspace as the user behind `credentials`, with the same checks as the portal's
   * card (GPU quota, budget). Throws a ResponseError with the backend's status and message.
   */
  create(
    input: CreateWorkspaceRequest,
    options: { credentials: BackstageCredentials },
  ): Promise<CreatedWorkspace>;

  /** The user's workspaces with this name, template or repository (for idempotent callers). */
  list(
    filter: { repoUrl?: string; template?: string },
    options: { credentials: BackstageCredentials },
  ): Promise<WorkspacesAnswer>;
}

/** Talks to the Coder backend's REST API with a token on behalf of the caller. */
export class DefaultCoderWorkspacesService implements CoderWorkspacesService {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  create(
    input: CreateWorkspaceRequest,
    options: { credentials: BackstageCredentials },
  ): Promise<CreatedWorkspace> {
    return this.request('/workspaces', options.credentials, {
      method: 'POST',
      body: JSON.stringify(input),
    });
  }

  list(
    filter: { repoUrl?: string; template?: string },
    options: { credentials: BackstageCredentials },
  ): Promise<WorkspacesAnswer> {
    const query = new URLSearchParams(
      Object.entries(filter).filter(([, v]) => v !== undefined) as string[][],
    );
    return this.request(`/workspaces?${query}`, options.credentials);
  }

  private async request<T>(
    path: string,
    credentials: BackstageCredentials,
    init: { method?: string; body?: string } = {},
  ): Promise<T> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'coder',
    });
    const base = await this.discovery.getBaseUrl('coder');
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }
}

export const coderWorkspacesServiceRef =
  createServiceRef<CoderWorkspacesService>({
    id: 'coder.workspaces',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { discovery: coreServices.discovery, auth: coreServices.auth },
        factory: ({ discovery, auth }) =>
          new DefaultCoderWorkspacesService(discovery, auth),
      }),
  });

export type { CoderWorkspace };
