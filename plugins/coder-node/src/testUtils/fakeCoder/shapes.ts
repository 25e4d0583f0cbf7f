// The JSON the fake answers with, field for field as codersdk marshals it (docs/reference/api/*.md
// example responses). Fields Go tags `omitempty` are left out when empty; nullable pointers are
// `null`. COMPATIBILITY.md lists every field and its source.
import { workspaceStatus } from './lifecycle';
import {
  BuildRecord,
  FakeCoderStore,
  OrganizationRecord,
  ParameterRecord,
  TemplateRecord,
  TemplateVersionRecord,
  UserRecord,
  WorkspaceRecord,
} from './store';

export type Json = Record<string, unknown>;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

const ROLE_DISPLAY_NAMES: Record<string, string> = {
  owner: 'Owner',
  'user-admin': 'User Admin',
  'template-admin': 'Template Admin',
  auditor: 'Auditor',
};

/** codersdk.User */
export function userJson(user: UserRecord): Json {
  return {
    id: user.id,
    username: user.username,
    avatar_url: '',
    name: user.name,
    email: user.email,
    created_at: iso(user.createdAt),
    updated_at: iso(user.createdAt),
    last_seen_at: iso(user.createdAt),
    status: user.status,
    login_type: 'password',
    theme_preference: '',
    organization_ids: [...user.organizationIds],
    roles: user.roles.map(name => ({
      name,
      display_name: ROLE_DISPLAY_NAMES[name] ?? name,
    })),
  };
}

/** codersdk.Organization */
export function organizationJson(org: OrganizationRecord): Json {
  return {
    id: org.id,
    name: org.name,
    display_name: org.displayName,
    description: org.description,
    icon: org.icon,
    created_at: iso(org.createdAt),
    updated_at: iso(org.createdAt),
    is_default: org.isDefault,
  };
}

/** codersdk.Template */
export function templateJson(
  store: FakeCoderStore,
  template: TemplateRecord,
): Json {
  const org = store.organizations.get(template.organizationId)!;
  const author = store.users.get(template.createdById);
  const owners = new Set(
    [...store.workspaces.values()]
      .filter(w => w.templateId === template.id && !w.deleted)
      .map(w => w.ownerId),
  );
  return {
    id: template.id,
    created_at: iso(template.createdAt),
    updated_at: iso(template.createdAt),
    organization_id: org.id,
    organization_name: org.name,
    organization_display_name: org.displayName,
    organization_icon: org.icon,
    name: template.name,
    display_name: template.displayName,
    provisioner: 'terraform',
    active_version_id: template.activeVersionId,
    active_user_count: owners.size,
    build_time_stats: {
      start: { P50: null, P95: null },
      stop: { P50: null, P95: null },
      delete: { P50: null, P95: null },
    },
    description: template.description,
    deprecated: template.deprecationMessage !== '',
    deprecation_message: template.deprecationMessage,
    icon: template.icon,
    default_ttl_ms: template.defaultTtlMs,
    activity_bump_ms: 3600000,
    autostop_requirement: { days_of_week: [], weeks: 1 },
    autostart_requirement: {
      days_of_week: [
        'monday',
        'tuesday',
        'wednesday',
        'thursday',
        'friday',
        'saturday',
        'sunday',
      ],
    },
    created_by_id: template.createdById,
    created_by_name: author?.username ?? '',
    allow_user_autostart: true,
    allow_user_autostop: true,
    allow_user_cancel_workspace_jobs: true,
    failure_ttl_ms: 0,
    time_til_dormant_ms: 0,
    time_til_dormant_autodelete_ms: 0,
    require_active_version: false,
    max_port_share_level: 'owner',
    use_classic_parameter_flow: true,
  };
}

/** codersdk.TemplateVersion */
export function templateVersionJson(
  store: FakeCoderStore,
  version: TemplateVersionRecord,
): Json {
  const author = store.users.get(version.createdById);
  return {
    id: version.id,
    template_id: version.templateId,
    organization_id: version.organizationId,
    created_at: iso(version.createdAt),
    updated_at: iso(version.createdAt),
    name: version.name,
    message: '',
    job: {
      id: version.jobId,
      created_at: iso(version.createdAt),
      started_at: iso(version.createdAt),
      completed_at: iso(version.createdAt),
      status: 'succeeded',
      file_id: version.fileId,
      tags: { scope: 'organization', owner: '' },
      queue_position: 0,
      queue_size: 0,
      organization_id: version.organizationId,
      input: { template_version_id: version.id },
      type: 'template_version_import',
      available_workers: [],
      metadata: {
        template_version_name: version.name,
        template_id: version.templateId,
      },
    },
    readme: '',
    created_by: {
      id: version.createdById,
      username: author?.username ?? '',
      avatar_url: '',
    },
    archived: false,
  };
}

/** codersdk.TemplateVersionParameter */
export function parameterJson(p: ParameterRecord): Json {
  const json: Json = {
    name: p.name,
    description: p.description,
    description_plaintext: p.description,
    type: p.type,
    mutable: p.mutable,
    default_value: p.defaultValue,
    icon: p.icon,
    options: p.options.map(o => ({
      name: o.name,
      description: o.description,
      value: o.value,
      icon: o.icon,
    })),
    required: p.required,
    ephemeral: p.ephemeral,
  };
  if (p.displayName) json.display_name = p.displayName;
  if (p.validationError) json.validation_error = p.validationError;
  if (p.validationRegex) json.validation_regex = p.validationRegex;
  if (p.validationMin !== undefined) json.validation_min = p.validationMin;
  if (p.validationMax !== undefined) json.validation_max = p.validationMax;
  if (p.validationMonotonic) json.validation_monotonic = p.validationMonotonic;
  return json;
}

/** codersdk.WorkspaceBuild */
export function buildJson(store: FakeCoderStore, build: BuildRecord): Json {
  const workspace = store.workspaces.get(build.workspaceId)!;
  const owner = store.users.get(workspace.ownerId)!;
  const initiator = store.users.get(build.initiatorId);
  const template = store.templates.get(workspace.templateId)!;
  const version = store.templateVersions.get(build.templateVersionId)!;
  const job: Json = {
    id: build.job.id,
    created_at: iso(build.createdAt),
    status: build.job.status,
    file_id: build.job.fileId,
    tags: { scope: 'organization', owner: '' },
    queue_position: build.job.status === 'pending' ? 1 : 0,
    queue_size: build.job.status === 'pending' ? 1 : 0,
    organization_id: workspace.organizationId,
    input: { workspace_build_id: build.id },
    type: 'workspace_build',
    available_workers: [],
    metadata: {
      template_version_name: version.name,
      template_id: template.id,
      template_name: template.name,
      template_display_name: template.displayName,
      template_icon: template.icon,
      workspace_id: workspace.id,
      workspace_name: workspace.name,
    },
  };
  if (build.job.startedAt !== undefined)
    job.started_at = iso(build.job.startedAt);
  if (build.job.completedAt !== undefined)
    job.completed_at = iso(build.job.completedAt);
  if (build.job.error !== undefined) job.error = build.job.error;
  if (build.job.workerId !== undefined) job.worker_id = build.job.workerId;
  return {
    id: build.id,
    created_at: iso(build.createdAt),
    updated_at: iso(build.updatedAt),
    workspace_id: workspace.id,
    workspace_name: workspace.name,
    workspace_owner_id: owner.id,
    workspace_owner_name: owner.username,
    workspace_owner_avatar_url: '',
    template_version_id: version.id,
    template_version_name: version.name,
    build_number: build.buildNumber,
    transition: build.transition,
    initiator_id: build.initiatorId,
    initiator_name: initiator?.username ?? '',
    job,
    reason: 'initiator',
    resources: build.resources.map(r => {
      const resource: Json = {
        id: r.id,
        created_at: iso(r.createdAt),
        job_id: build.job.id,
        workspace_transition: build.transition,
        type: r.type,
        name: r.name,
        hide: false,
        icon: '',
        daily_cost: r.dailyCost,
      };
      if (r.agent) resource.agents = [agentJson(r.agent, r.id, r.createdAt)];
      return resource;
    }),
    deadline: build.deadline === null ? null : iso(build.deadline),
    max_deadline: null,
    status: workspaceStatus(build.job.status, build.transition),
    daily_cost: build.dailyCost,
    matched_provisioners: {
      count: 1,
      available: 1,
      most_recently_seen: iso(store.now()),
    },
  };
}

/** codersdk.WorkspaceAgent: a connected, ready agent for a running workspace. */
function agentJson(
  agent: { id: string; name: string },
  resourceId: string,
  at: number,
): Json {
  return {
    id: agent.id,
    created_at: iso(at),
    updated_at: iso(at),
    first_connected_at: iso(at),
    last_connected_at: iso(at),
    started_at: iso(at),
    ready_at: iso(at),
    status: 'connected',
    lifecycle_state: 'ready',
    name: agent.name,
    resource_id: resourceId,
    architecture: 'amd64',
    operating_system: 'linux',
    environment_variables: {},
    directory: '/home/coder',
    expanded_directory: '/home/coder',
    version: 'v2.33.0',
    api_version: '2.0',
    apps: [],
    latency: {},
    connection_timeout_seconds: 120,
    troubleshooting_url: '',
    subsystems: [],
    health: { healthy: true },
    display_apps: [
      'vscode',
      'vscode_insiders',
      'web_terminal',
      'ssh_helper',
      'port_forwarding_helper',
    ],
    log_sources: [],
    scripts: [],
    logs_length: 0,
    logs_overflowed: false,
    startup_script_behavior: 'non-blocking',
  };
}

/** codersdk.Workspace */
export function workspaceJson(
  store: FakeCoderStore,
  workspace: WorkspaceRecord,
): Json {
  const owner = store.users.get(workspace.ownerId)!;
  const org = store.organizations.get(workspace.organizationId)!;
  const template = store.templates.get(workspace.templateId)!;
  const build = store.latestBuild(workspace.id);
  const json: Json = {
    id: workspace.id,
    created_at: iso(workspace.createdAt),
    updated_at: iso(workspace.updatedAt),
    owner_id: owner.id,
    owner_name: owner.username,
    owner_avatar_url: '',
    organization_id: org.id,
    organization_name: org.name,
    template_id: template.id,
    template_name: template.name,
    template_display_name: template.displayName,
    template_icon: template.icon,
    template_allow_user_cancel_workspace_jobs: true,
    template_active_version_id: template.activeVersionId,
    template_require_active_version: false,
    template_use_classic_parameter_flow: true,
    latest_build: buildJson(store, build),
    latest_app_status: null,
    outdated: build.templateVersionId !== template.activeVersionId,
    name: workspace.name,
    last_used_at: iso(workspace.lastUsedAt),
    deleting_at: null,
    dormant_at: null,
    // Agents of the fake are always healthy, so a workspace is never unhealthy.
    health: { healthy: true, failing_agents: [] },
    automatic_updates: workspace.automaticUpdates,
    allow_renames: false,
    favorite: false,
    next_start_at: null,
  };
  if (workspace.autostartSchedule !== null)
    json.autostart_schedule = workspace.autostartSchedule;
  if (workspace.ttlMs !== null) json.ttl_ms = workspace.ttlMs;
  return json;
}
