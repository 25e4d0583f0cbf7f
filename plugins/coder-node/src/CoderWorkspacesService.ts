import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { PluginRequests } from '@internal/plugin-mlp-node';
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
  private readonly coder: PluginRequests;

  constructor(discovery: DiscoveryService, auth: AuthService) {
    this.coder = new PluginRequests('coder', { discovery, auth });
  }

  create(
    input: CreateWorkspaceRequest,
    options: { credentials: BackstageCredentials },
  ): Promise<CreatedWorkspace> {
    return this.coder.request('/workspaces', options.credentials, {
      method: 'POST',
      body: input,
    });
  }

  list(
    filter: { repoUrl?: string; template?: string },
    options: { credentials: BackstageCredentials },
  ): Promise<WorkspacesAnswer> {
    const query = new URLSearchParams();
    if (filter.repoUrl) query.set('repoUrl', filter.repoUrl);
    if (filter.template) query.set('template', filter.template);
    return this.coder.request(`/workspaces?${query}`, options.credentials);
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
