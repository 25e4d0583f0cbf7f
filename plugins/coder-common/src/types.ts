/** Where Coder runs and whether the signed-in user has connected it (GET /connection). */
export type CoderConnection =
  | { status: 'not-configured'; message: string }
  | {
      status: 'not-connected';
      coderUrl: string;
      /** Set when a token was stored but Coder refused it later (expired or revoked). */
      rejected?: { at: string; message: string };
    }
  | {
      status: 'connected';
      coderUrl: string;
      /** The Coder user the stored token belongs to. */
      username: string;
      connectedAt: string;
    };

/** What the portal shows of a workspace's state; Coder's build status, grouped. */
export type WorkspaceState =
  | 'pending'
  | 'starting'
  | 'running'
  | 'stopping'
  | 'stopped'
  | 'failed'
  | 'canceling'
  | 'canceled'
  | 'deleting'
  | 'deleted';

/** States in which a build is still running: the UI polls until it leaves them. */
export const TRANSITIONAL_STATES: readonly WorkspaceState[] = [
  'pending',
  'starting',
  'stopping',
  'canceling',
  'deleting',
];

export type CoderWorkspace = {
  id: string;
  name: string;
  owner: string;
  template: string;
  templateDisplayName: string;
  state: WorkspaceState;
  /** The transition of the latest build: start, stop or delete. */
  transition: 'start' | 'stop' | 'delete';
  /** Why the latest build failed, in Coder's words. */
  buildError?: string;
  createdAt: string;
  lastUsedAt: string;
  /** The workspace's GPU count parameter, when its template has one. */
  gpus?: number;
  /** The workspace's repository parameter, when its template has one. */
  repoUrl?: string;
  /** All of the latest build's parameters, by name. */
  parameters: Record<string, string>;
  /** Whether a newer template version exists. */
  outdated: boolean;
  links: {
    /** The workspace page in Coder's dashboard (its browser IDEs are one click away). */
    dashboard: string;
    /** Opens the workspace in VS Code through Coder's extension. */
    vscode: string;
  };
};

/** The user's workspaces (GET /workspaces), or why they cannot be listed. */
export type WorkspacesAnswer =
  | { status: 'not-configured'; message: string }
  | {
      status: 'not-connected';
      coderUrl: string;
      rejected?: { at: string; message: string };
    }
  | { status: 'ok'; coderUrl: string; workspaces: CoderWorkspace[] };

export type TemplateParameter = {
  name: string;
  displayName: string;
  type: string;
  defaultValue: string;
  required: boolean;
  min?: number;
  max?: number;
  options: string[];
};

export type CoderTemplateSummary = {
  id: string;
  name: string;
  displayName: string;
  description: string;
  /** Whether the template has the GPU count and repository parameters the portal fills in. */
  gpuParameter?: TemplateParameter;
  repoParameter?: TemplateParameter;
  parameters: TemplateParameter[];
};

/** The user's workspace quota in Coder (enterprise feature); absent when Coder has none. */
export type CoderQuota = { creditsConsumed: number; budget: number };

/** What a successful create did (POST /workspaces). */
export type CreatedWorkspace = {
  workspace: CoderWorkspace;
  /** The budget reservation the portal made for it, when it has GPUs and a budget applies. */
  reservation?: { id: string; estimate: number; currency: string };
  /** The team's GPU quota as checked before the request went to Coder. */
  quota?: { resource: string; hard: number; used: number; available: number };
};
