import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import type {
  CoderQuota,
  CoderTemplateSummary,
  CoderWorkspace,
  CreatedWorkspace,
  CreateWorkspaceRequest,
  WorkspacesAnswer,
  WorkspaceTransition,
  WorkspaceUse,
} from '@internal/plugin-coder-common';
import {
  CoderApiError,
  CoderApiWorkspace,
  CoderClient,
  CoderSettings,
} from '@internal/plugin-coder-node';
import type { WorkspaceUseStore } from '../store/WorkspaceUseStore';
import { AllocationGate } from './AllocationGate';
import { CoderConnections, CoderSession } from './CoderConnections';
import { CoderNotConnectedError, portalErrorOf } from './errors';
import { parameterValues, sameRepo } from './templateParameters';
import { templateView, workspaceView } from './workspaceView';

/** How many of a user's workspaces one list reads; more is not a dev environment list. */
const LIST_LIMIT = 100;

/**
 * The signed-in user's Coder workspaces, always acting with the user's own token: Coder decides
 * what they may see and do, and the portal never acts on someone else's workspace.
 */
export class WorkspaceService {
  constructor(
    private readonly options: {
      client: CoderClient;
      connections: CoderConnections;
      gate: AllocationGate;
      settings: CoderSettings;
      /** The portal's record of workspaces created and started (platform metrics). */
      uses?: WorkspaceUseStore;
      logger?: LoggerService;
    },
  ) {}

  async list(
    userRef: string,
    filter: { repoUrl?: string; template?: string },
  ): Promise<WorkspacesAnswer> {
    const coderUrl = this.options.settings.baseUrl;
    try {
      const workspaces = await this.asUser(
        userRef,
        'Listing your workspaces',
        async s => {
          const page = await this.options.client.searchWorkspaces(
            s.token,
            searchQuery(filter, this.options.settings.parameters.repoUrl),
            { limit: LIST_LIMIT, offset: 0 },
          );
          const views = await Promise.all(
            page.workspaces.map(ws => this.view(s, ws)),
          );
          return views.filter(
            ws =>
              !filter.repoUrl ||
              sameRepo(ws.repoUrl, filter.repoUrl) ||
              // A template the project names is the project's, whatever it clones.
              (filter.template !== undefined &&
                ws.template === filter.template),
          );
        },
      );
      return { status: 'ok', coderUrl, workspaces };
    } catch (error) {
      if (!(error instanceof CoderNotConnectedError)) throw error;
      // Never connected, or the token was refused (now or before): say so, with Coder's reason.
      const connection = await this.options.connections.status(userRef);
      return {
        status: 'not-connected',
        coderUrl,
        ...(connection.status === 'not-connected' && connection.rejected
          ? { rejected: connection.rejected }
          : {}),
      };
    }
  }

  /**
   * The user's workspace credits in Coder (an enterprise feature). Undefined when Coder has no
   * quota for them: no licence (budget -1) or the endpoint is not served.
   */
  async quota(userRef: string): Promise<CoderQuota | undefined> {
    return this.asUser(
      userRef,
      'Reading your Coder workspace quota',
      async s => {
        try {
          const q = await this.options.client.workspaceQuota(
            s.token,
            s.username,
          );
          return q.budget < 0
            ? undefined
            : { creditsConsumed: q.credits_consumed, budget: q.budget };
        } catch (error) {
          if (
            error instanceof CoderApiError &&
            (error.coderStatus === 403 || error.coderStatus === 404)
          ) {
            return undefined;
          }
          throw error;
        }
      },
    );
  }

  async get(userRef: string, id: string): Promise<CoderWorkspace> {
    return this.asUser(userRef, `Reading workspace ${id}`, async s =>
      this.view(s, await this.own(s, id)),
    );
  }

  /**
   * The templates the user may create workspaces from. Before they connect, the admin token
   * (when configured) lists them read-only, so the create form can be shown at once.
   */
  async templates(userRef: string): Promise<CoderTemplateSummary[]> {
    const { adminToken } = this.options.settings;
    const connection = await this.options.connections.status(userRef);
    if (connection.status !== 'connected' && adminToken) {
      try {
        return await this.templatesAs(adminToken);
      } catch (error) {
        throw portalErrorOf(error, 'Listing Coder templates');
      }
    }
    return this.asUser(userRef, 'Listing Coder templates', s =>
      this.templatesAs(s.token),
    );
  }

  private async templatesAs(token: string): Promise<CoderTemplateSummary[]> {
    const { client, settings } = this.options;
    const org = await this.organization(token);
    const templates = await client.templates(token, org);
    return Promise.all(
      templates
        .filter(t => !t.deprecated)
        .map(async t =>
          templateView(
            t,
            await client.templateParameters(token, t.active_version_id),
            settings.parameters,
          ),
        ),
    );
  }

  /**
   * Checks the template, the name, the team's GPU quota and budget, and only then asks Coder to
   * create the workspace; a reservation made for it is released again when Coder refuses.
   */
  async create(
    userRef: string,
    credentials: BackstageCredentials,
    request: CreateWorkspaceRequest,
  ): Promise<CreatedWorkspace> {
    const { client, settings, gate } = this.options;
    const plan = await this.asUser(
      userRef,
      `Creating workspace ${request.name}`,
      async s => {
        const org = await this.organization(s.token);
        const template = (await client.templates(s.token, org)).find(
          t => t.name === request.template,
        );
        if (!template) {
          throw new InputError(
            `template: Coder has no template named "${request.template}" that you may use; pick one from the list, or ask a platform keeper to share it with you`,
          );
        }
        const summary = templateView(
          template,
          await client.templateParameters(s.token, template.active_version_id),
          settings.parameters,
        );
        const values = parameterValues(summary, request, settings);
        const taken = await client.searchWorkspaces(
          s.token,
          `owner:me name:${request.name}`,
          { limit: LIST_LIMIT, offset: 0 },
        );
        if (taken.workspaces.some(w => w.name === request.name)) {
          throw new ConflictError(
            `name: you already have a workspace named ${request.name}; choose another name, or start the existing one`,
          );
        }
        return { org, template, values };
      },
    );
    const admitted = await gate.admit(
      {
        team: request.team,
        gpus: request.gpus,
        hours: settings.workspaceHours,
        reference: `coder workspace ${request.name}`,
      },
      credentials,
    );
    try {
      const created = await this.asUser(
        userRef,
        `Creating workspace ${request.name}`,
        async s =>
          this.view(
            s,
            await client.createWorkspace(s.token, plan.org, {
              name: request.name,
              template_id: plan.template.id,
              rich_parameter_values: plan.values,
              ttl_ms: settings.workspaceHours * 3_600_000,
            }),
          ),
      );
      await this.recordUse({
        workspaceId: created.id,
        workspaceName: created.name,
        userEntityRef: userRef,
        team: request.team,
        gpus: request.gpus,
        action: 'create',
        at: new Date().toISOString(),
      });
      return { workspace: created, ...admitted };
    } catch (error) {
      await gate.undo(admitted, credentials);
      throw error;
    }
  }

  /** A use that cannot be recorded is logged; the user's workspace is made all the same. */
  private async recordUse(use: WorkspaceUse) {
    try {
      await this.options.uses?.record(use);
    } catch (error) {
      this.options.logger?.warn('could not record a workspace use', {
        workspace: use.workspaceId,
        error: String(error),
      });
    }
  }

  /**
   * Starts, stops or deletes one of the user's own workspaces. Starting one with GPUs checks
   * the team's quota and budget first, as creating does.
   */
  async build(
    userRef: string,
    credentials: BackstageCredentials,
    id: string,
    transition: WorkspaceTransition,
    team?: string,
  ): Promise<CoderWorkspace> {
    const { client, gate, settings } = this.options;
    const current = await this.get(userRef, id);
    // Coder still shows a workspace for a moment after deleting it, and refuses any build of it
    // ("Cannot start a deleted workspace!"): say so before quota or budget are touched.
    if (current.state === 'deleted' || current.state === 'deleting') {
      throw new ConflictError(
        `Workspace ${current.name} is ${current.state}; it cannot be ${
          { start: 'started', stop: 'stopped', delete: 'deleted' }[transition]
        } again. Create a new workspace instead`,
      );
    }
    const admitted =
      transition === 'start' && current.gpus && team
        ? await gate.admit(
            {
              team,
              gpus: current.gpus,
              hours: settings.workspaceHours,
              reference: `coder workspace ${current.name}`,
            },
            credentials,
          )
        : {};
    try {
      const built = await this.asUser<CoderWorkspace>(
        userRef,
        `${verb(transition)} workspace ${current.name}`,
        async s => {
          await client.createBuild(s.token, id, transition);
          try {
            return this.view(s, await client.workspace(s.token, id));
          } catch (error) {
            // A fast provisioner can finish a delete before the workspace is read back: Coder
            // then answers 410 for it, and the delete is done, not failed.
            if (transition === 'delete' && isGone(error)) {
              return { ...current, transition: 'delete', state: 'deleted' };
            }
            throw error;
          }
        },
      );
      if (transition === 'start') {
        await this.recordUse({
          workspaceId: current.id,
          workspaceName: current.name,
          userEntityRef: userRef,
          ...(team ? { team } : {}),
          gpus: current.gpus ?? 0,
          action: 'start',
          at: new Date().toISOString(),
        });
      }
      return built;
    } catch (error) {
      await gate.undo(admitted, credentials);
      throw error;
    }
  }

  private asUser<T>(
    userRef: string,
    doing: string,
    call: (s: CoderSession) => Promise<T>,
  ): Promise<T> {
    return this.options.connections.asUser(userRef, doing, call);
  }

  /** The workspace, when it is the user's own; Coder's 404 covers ones they cannot see. */
  private async own(s: CoderSession, id: string): Promise<CoderApiWorkspace> {
    const ws = await this.options.client.workspace(s.token, id);
    if (ws.owner_id !== s.userId) {
      throw new NotAllowedError(
        `Workspace ${ws.name} belongs to ${ws.owner_name}; the portal only acts on your own workspaces`,
      );
    }
    return ws;
  }

  private async view(
    s: CoderSession,
    ws: CoderApiWorkspace,
  ): Promise<CoderWorkspace> {
    const parameters = await this.options.client.buildParameters(
      s.token,
      ws.latest_build.id,
    );
    return workspaceView(ws, parameters, {
      coderUrl: this.options.settings.baseUrl,
      names: this.options.settings.parameters,
    });
  }

  /** The organization workspaces are created in: the configured one, else the user's default. */
  private async organization(token: string): Promise<string> {
    const wanted = this.options.settings.organization;
    const orgs = await this.options.client.organizations(token);
    const org = wanted
      ? orgs.find(o => o.id === wanted || o.name === wanted)
      : orgs.find(o => o.is_default) ?? orgs[0];
    if (!org) {
      throw new NotAllowedError(
        wanted
          ? `Your Coder user is not a member of the organization "${wanted}" (coder.organization); ask a Coder admin to add you`
          : 'Your Coder user is not a member of any organization; ask a Coder admin to add you',
      );
    }
    return org.id;
  }
}

/**
 * Coder's search for a project's workspaces. Coder lower-cases search terms, so repositories
 * are matched exactly afterwards; the search only narrows. A project's workspaces are those
 * cloning its repository *or* made from its template, so with both nothing but the owner is
 * searched for (terms are ANDed).
 */
function searchQuery(
  filter: { repoUrl?: string; template?: string },
  repoParameter: string,
): string {
  if (filter.repoUrl && filter.template) return 'owner:me';
  if (filter.template) return `owner:me template:${filter.template}`;
  if (filter.repoUrl) return `owner:me param:${repoParameter}`;
  return 'owner:me';
}

/** Coder's answer for a workspace that no longer is (410 once deleted; 404 once purged). */
function isGone(error: unknown): boolean {
  return (
    error instanceof CoderApiError &&
    (error.coderStatus === 410 || error.coderStatus === 404)
  );
}

function verb(t: WorkspaceTransition): string {
  return { start: 'Starting', stop: 'Stopping', delete: 'Deleting' }[t];
}
