// The fake's routes under /api/v2 and their handlers. Each handler checks what Coder's middleware
// and handler check, in the same order, and answers with Coder's status codes and bodies.
import { randomUUID } from 'node:crypto';
import {
  CoderHttpError,
  CoderValidation,
  goQuote,
  httpError,
  invalidJson,
  invalidUuidParam,
  isUuid,
  resourceNotFound,
  routeNotFound,
  tagValidation,
  uuidParseError,
  validationFailed,
} from './errors';
import {
  createBuild,
  isJobActive,
  quotaConsumed,
  workspaceStatus,
} from './lifecycle';
import { ParameterValue, resolveBuildParameters } from './parameters';
import { parseWorkspaceSearch, WorkspaceSearch } from './searchQuery';
import {
  buildJson,
  Json,
  organizationJson,
  parameterJson,
  templateJson,
  templateVersionJson,
  userJson,
  workspaceJson,
} from './shapes';
import {
  AutomaticUpdates,
  FakeCoderStore,
  OrganizationRecord,
  TemplateRecord,
  Transition,
  UserRecord,
  WorkspaceRecord,
} from './store';

export interface RouteContext {
  store: FakeCoderStore;
  /** The authenticated caller; routes without auth never read it. */
  user: UserRecord;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The raw request body. */
  body: string;
  baseUrl: string;
  version: string;
}

export type RouteResult = { status: number; body: unknown };

interface Route {
  method: 'GET' | 'POST';
  pattern: string[];
  auth: boolean;
  handler: (ctx: RouteContext) => RouteResult;
}

const ok = (body: unknown): RouteResult => ({ status: 200, body });

function route(
  method: Route['method'],
  path: string,
  handler: Route['handler'],
  auth = true,
): Route {
  return { method, pattern: path.split('/').filter(Boolean), auth, handler };
}

export const ROUTES: Route[] = [
  route('GET', '/buildinfo', buildInfo, false),
  route('GET', '/users/:user', ctx => ok(userJson(userParam(ctx)))),
  route('GET', '/users/:user/organizations', ctx => {
    const user = userParam(ctx);
    return ok(
      [...ctx.store.organizations.values()]
        .filter(o => user.organizationIds.includes(o.id))
        .map(organizationJson),
    );
  }),
  route(
    'GET',
    '/users/:user/workspace/:workspacename',
    workspaceByOwnerAndName,
  ),
  route('POST', '/users/:user/workspaces', ctx =>
    createWorkspace(ctx, undefined, userParam(ctx)),
  ),
  route('GET', '/organizations/:organization', ctx =>
    ok(organizationJson(organizationParam(ctx))),
  ),
  route('GET', '/organizations/:organization/templates', ctx => {
    const org = organizationParam(ctx);
    return ok(
      sortedTemplates(ctx.store)
        .filter(t => t.organizationId === org.id)
        .map(t => templateJson(ctx.store, t)),
    );
  }),
  route('GET', '/organizations/:organization/templates/:templatename', ctx => {
    const org = organizationParam(ctx);
    const name = ctx.params.templatename.toLowerCase();
    const template = [...ctx.store.templates.values()].find(
      t => t.organizationId === org.id && t.name.toLowerCase() === name,
    );
    if (!template) throw resourceNotFound();
    return ok(templateJson(ctx.store, template));
  }),
  route(
    'POST',
    '/organizations/:organization/members/:user/workspaces',
    ctx => {
      const org = organizationParam(ctx);
      return createWorkspace(ctx, org, organizationMemberParam(ctx, org));
    },
  ),
  route(
    'GET',
    '/organizations/:organization/members/:user/workspace-quota',
    ctx => {
      const org = organizationParam(ctx);
      return workspaceQuota(ctx, org, organizationMemberParam(ctx, org));
    },
  ),
  route('GET', '/workspace-quota/:user', ctx =>
    workspaceQuota(ctx, ctx.store.defaultOrganization, userParam(ctx)),
  ),
  route('GET', '/templates', ctx =>
    ok(
      sortedTemplates(ctx.store)
        .filter(t => canSeeOrganization(ctx, t.organizationId))
        .map(t => templateJson(ctx.store, t)),
    ),
  ),
  route('GET', '/templates/:template', ctx =>
    ok(templateJson(ctx.store, templateParam(ctx))),
  ),
  route('GET', '/templateversions/:templateversion', ctx =>
    ok(templateVersionJson(ctx.store, templateVersionParam(ctx))),
  ),
  route('GET', '/templateversions/:templateversion/rich-parameters', ctx =>
    ok(templateVersionParam(ctx).parameters.map(parameterJson)),
  ),
  route('GET', '/workspaces', listWorkspaces),
  route('GET', '/workspaces/:workspace', ctx => {
    const workspace = workspaceParam(ctx);
    const includeDeleted = parseBoolParam(ctx, 'include_deleted', 'deleted');
    if (workspace.deleted && !includeDeleted) {
      throw httpError(
        410,
        `Workspace ${goQuote(
          workspace.id,
        )} was deleted, you can view this workspace by specifying '?deleted=true' and trying again.`,
      );
    }
    return ok(workspaceJson(ctx.store, workspace));
  }),
  route('GET', '/workspaces/:workspace/builds', ctx => {
    const workspace = workspaceParam(ctx);
    return ok(
      ctx.store
        .buildsOf(workspace.id)
        .reverse()
        .map(b => buildJson(ctx.store, b)),
    );
  }),
  route('POST', '/workspaces/:workspace/builds', postWorkspaceBuild),
  route('GET', '/workspacebuilds/:workspacebuild', ctx =>
    ok(buildJson(ctx.store, buildParam(ctx))),
  ),
  route('GET', '/workspacebuilds/:workspacebuild/parameters', ctx =>
    ok(buildParam(ctx).parameters.map(p => ({ ...p }))),
  ),
];

/** Finds the route for a path under /api/v2; throws Coder's 404 or 405 when none fits. */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } {
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  let pathMatched = false;
  for (const candidate of ROUTES) {
    if (candidate.pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = candidate.pattern.every((part, i) => {
      if (part.startsWith(':')) {
        params[part.slice(1)] = segments[i];
        return true;
      }
      return part === segments[i];
    });
    if (!fits) continue;
    pathMatched = true;
    if (candidate.method === method) return { route: candidate, params };
  }
  // Real Coder (v2.30.0) answers a method a route does not have with 405 and an empty body.
  if (pathMatched) throw new CoderHttpError(405, undefined);
  throw routeNotFound();
}

function buildInfo(ctx: RouteContext): RouteResult {
  return ok({
    external_url: 'https://github.com/coder/coder',
    version: ctx.version,
    dashboard_url: ctx.baseUrl,
    workspace_proxy: false,
    agent_api_version: '2.0',
    provisioner_api_version: '1.0',
    upgrade_message: '',
    deployment_id: ctx.store.deploymentId,
    webpush_public_key: '',
    telemetry: false,
  });
}

// ---- path parameters (coderd/httpmw) ----

/** httpmw.ExtractUserParam: `me`, a user id, or a username. */
function userParam(ctx: RouteContext, raw = ctx.params.user): UserRecord {
  if (raw === 'me') return ctx.user;
  const user = isUuid(raw)
    ? ctx.store.users.get(raw.toLowerCase())
    : ctx.store.userByUsername(raw);
  if (!user) {
    throw httpError(
      400,
      '"user" must be an existing uuid or username.',
      `queried user=${goQuote(raw)}`,
    );
  }
  return user;
}

function canSeeOrganization(ctx: RouteContext, organizationId: string) {
  return (
    ctx.store.isOwner(ctx.user) ||
    ctx.user.organizationIds.includes(organizationId)
  );
}

/** httpmw.ExtractOrganizationParam: `default`, an id or a name; 404 when not visible. */
function organizationParam(ctx: RouteContext): OrganizationRecord {
  const org = ctx.store.organizationByRef(ctx.params.organization);
  if (!org || !canSeeOrganization(ctx, org.id)) throw resourceNotFound();
  return org;
}

/** httpmw.ExtractOrganizationMemberParam: the user must be a member of the organization. */
function organizationMemberParam(
  ctx: RouteContext,
  org: OrganizationRecord,
): UserRecord {
  const user = userParam(ctx);
  if (!user.organizationIds.includes(org.id)) throw resourceNotFound();
  return user;
}

function parseUuidParam(ctx: RouteContext, name: string): string {
  const raw = ctx.params[name];
  if (!isUuid(raw)) throw invalidUuidParam(raw);
  return raw.toLowerCase();
}

function canAccessWorkspace(ctx: RouteContext, workspace: WorkspaceRecord) {
  return ctx.store.isOwner(ctx.user) || workspace.ownerId === ctx.user.id;
}

/** httpmw.ExtractWorkspaceParam: another user's workspace is a 404, like a missing one. */
function workspaceParam(ctx: RouteContext): WorkspaceRecord {
  const workspace = ctx.store.workspaces.get(parseUuidParam(ctx, 'workspace'));
  if (!workspace || !canAccessWorkspace(ctx, workspace))
    throw resourceNotFound();
  return workspace;
}

function buildParam(ctx: RouteContext) {
  const build = ctx.store.builds.get(parseUuidParam(ctx, 'workspacebuild'));
  const workspace = build && ctx.store.workspaces.get(build.workspaceId);
  if (!build || !workspace || !canAccessWorkspace(ctx, workspace))
    throw resourceNotFound();
  return build;
}

function templateParam(ctx: RouteContext): TemplateRecord {
  const template = ctx.store.templates.get(parseUuidParam(ctx, 'template'));
  if (!template || !canSeeOrganization(ctx, template.organizationId))
    throw resourceNotFound();
  return template;
}

function templateVersionParam(ctx: RouteContext) {
  const version = ctx.store.templateVersions.get(
    parseUuidParam(ctx, 'templateversion'),
  );
  if (!version || !canSeeOrganization(ctx, version.organizationId))
    throw resourceNotFound();
  return version;
}

function sortedTemplates(store: FakeCoderStore): TemplateRecord[] {
  return [...store.templates.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}

/** strconv.ParseBool */
function parseGoBool(raw: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
  return undefined;
}

function parseBoolParam(
  ctx: RouteContext,
  name: string,
  validationField: string,
): boolean {
  const raw = ctx.query.get(name);
  if (!raw) return false;
  const value = parseGoBool(raw);
  if (value === undefined) {
    throw httpError(
      400,
      `Invalid boolean value ${goQuote(raw)} for "${name}" query param.`,
      undefined,
      [{ field: validationField, detail: 'Must be a valid boolean' }],
    );
  }
  return value;
}

// ---- workspaces ----

function workspaceByOwnerAndName(ctx: RouteContext): RouteResult {
  const owner = userParam(ctx);
  const includeDeleted = parseBoolParam(
    ctx,
    'include_deleted',
    'include_deleted',
  );
  const workspace = ctx.store.workspaceByOwnerAndName(
    owner.id,
    ctx.params.workspacename,
    includeDeleted,
  );
  if (!workspace || !canAccessWorkspace(ctx, workspace))
    throw resourceNotFound();
  return ok(workspaceJson(ctx.store, workspace));
}

/** coderd parsePagination */
function parsePagination(query: URLSearchParams): {
  limit: number;
  offset: number;
} {
  const validations: CoderValidation[] = [];
  const int32 = (name: string): number => {
    const raw = query.get(name);
    if (!raw) return 0;
    let problem: string | undefined;
    if (!/^[+-]?\d+$/.test(raw)) {
      problem = `strconv.ParseInt: parsing ${goQuote(raw)}: invalid syntax`;
    } else if (Math.abs(Number(raw)) > 2147483647) {
      problem = `strconv.ParseInt: parsing ${goQuote(raw)}: value out of range`;
    } else if (Number(raw) < 0) {
      problem = 'value is negative';
    }
    if (problem) {
      validations.push({
        field: name,
        detail: `Query param ${goQuote(
          name,
        )} must be a valid 32-bit positive integer: ${problem}`,
      });
      return 0;
    }
    return Number(raw);
  };
  const afterId = query.get('after_id');
  if (afterId && !isUuid(afterId)) {
    validations.push({
      field: 'after_id',
      detail: 'Query param "after_id" must be a valid uuid',
    });
  }
  const page = { limit: int32('limit'), offset: int32('offset') };
  if (validations.length > 0) {
    throw httpError(
      400,
      'Query parameters have invalid values.',
      undefined,
      validations,
    );
  }
  return page;
}

/** SQL ILIKE: `%` any run, `_` any one character, case-insensitive. */
function ilike(value: string, pattern: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) {
      i += 1;
      re += pattern[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (ch === '%') re += '[\\s\\S]*';
    else if (ch === '_') re += '[\\s\\S]';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i').test(value);
}

function matchesSearch(
  ctx: RouteContext,
  workspace: WorkspaceRecord,
  search: WorkspaceSearch,
): boolean {
  const { store } = ctx;
  const build = store.latestBuild(workspace.id);
  if (search.ids.length > 0 && !search.ids.includes(workspace.id)) return false;
  if (search.owner) {
    const owner =
      search.owner === 'me' ? ctx.user : store.userByUsername(search.owner);
    if (!owner || owner.id !== workspace.ownerId) return false;
  }
  if (search.template) {
    const template = store.templates.get(workspace.templateId)!;
    if (template.name.toLowerCase() !== search.template.toLowerCase())
      return false;
  }
  if (search.name && !ilike(workspace.name, `%${search.name}%`)) return false;
  if (
    search.status &&
    workspaceStatus(build.job.status, build.transition) !== search.status
  )
    return false;
  if (search.organization && workspace.organizationId !== search.organization)
    return false;
  if (search.dormant) return false; // the fake never makes a workspace dormant
  if (search.outdated !== undefined) {
    const template = store.templates.get(workspace.templateId)!;
    const outdated = build.templateVersionId !== template.activeVersionId;
    if (outdated !== search.outdated) return false;
  }
  // `param:` filters look at the latest build's parameters, ILIKE ANY on names and values.
  if (
    search.hasParam.length > 0 &&
    !build.parameters.some(p => search.hasParam.some(n => ilike(p.name, n)))
  )
    return false;
  if (
    search.params.length > 0 &&
    !build.parameters.some(
      p =>
        search.params.some(s => ilike(p.name, s.name)) &&
        search.params.some(s => ilike(p.value, s.value)),
    )
  )
    return false;
  return true;
}

function listWorkspaces(ctx: RouteContext): RouteResult {
  const { store } = ctx;
  const page = parsePagination(ctx.query);
  const parsed = parseWorkspaceSearch(
    ctx.query.get('q') ?? '',
    name => store.organizationByRef(name)?.id,
  );
  if ('validations' in parsed) {
    throw httpError(
      400,
      'Invalid workspace search query.',
      undefined,
      parsed.validations,
    );
  }
  const rows = [...store.workspaces.values()]
    .filter(w => !w.deleted && canAccessWorkspace(ctx, w))
    .filter(w => matchesSearch(ctx, w, parsed.search))
    .map(w => ({
      workspace: w,
      build: store.latestBuild(w.id),
      owner: store.users.get(w.ownerId)!.username.toLowerCase(),
    }))
    .sort((a, b) => {
      const running = (r: typeof a) =>
        r.build.job.status === 'succeeded' && r.build.transition === 'start'
          ? 0
          : 1;
      return (
        running(a) - running(b) ||
        a.owner.localeCompare(b.owner) ||
        a.workspace.name
          .toLowerCase()
          .localeCompare(b.workspace.name.toLowerCase())
      );
    });
  const paged = rows.slice(
    page.offset,
    page.limit > 0 ? page.offset + page.limit : undefined,
  );
  // coderd answers count 0 when the page is empty, even if earlier pages had rows.
  return ok({
    workspaces: paged.map(r => workspaceJson(store, r.workspace)),
    count: paged.length === 0 ? 0 : rows.length,
  });
}

// ---- request bodies (httpapi.Read) ----

type FieldKind =
  | 'string'
  | 'nullableString'
  | 'uuid'
  | 'int64'
  | 'bool'
  | 'buildParameters';

const GO_TYPES: Record<FieldKind, string> = {
  string: 'string',
  nullableString: 'string',
  uuid: 'uuid.UUID',
  int64: 'int64',
  bool: 'bool',
  buildParameters: '[]codersdk.WorkspaceBuildParameter',
};

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

/**
 * Decodes a JSON object body into the fields of a codersdk request struct, with encoding/json's
 * errors for a body that is not JSON or a field of the wrong JSON type. Unknown fields are ignored
 * and null leaves a field at its zero value, as in Go.
 */
function decodeBody(
  raw: string,
  struct: string,
  fields: Record<string, FieldKind>,
): Record<string, unknown> {
  if (raw.trim() === '') throw invalidJson('EOF');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    throw invalidJson(e instanceof Error ? e.message : String(e));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidJson(
      `json: cannot unmarshal ${jsonKind(
        value,
      )} into Go value of type codersdk.${struct}`,
    );
  }
  const input = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const mismatch = (field: string, kind: string, goType: string) =>
    invalidJson(
      `json: cannot unmarshal ${kind} into Go struct field ${struct}.${field} of type ${goType}`,
    );
  for (const [field, kind] of Object.entries(fields)) {
    const v = input[field];
    if (v === undefined || v === null) continue;
    switch (kind) {
      case 'string':
      case 'nullableString':
        if (typeof v !== 'string') throw mismatch(field, jsonKind(v), 'string');
        out[field] = v;
        break;
      case 'uuid':
        if (typeof v !== 'string')
          throw mismatch(field, jsonKind(v), GO_TYPES.uuid);
        if (!isUuid(v)) throw invalidJson(uuidParseError(v));
        out[field] = v.toLowerCase();
        break;
      case 'int64':
        if (typeof v !== 'number')
          throw mismatch(field, jsonKind(v), GO_TYPES.int64);
        if (!Number.isInteger(v))
          throw mismatch(field, `number ${v}`, GO_TYPES.int64);
        out[field] = v;
        break;
      case 'bool':
        if (typeof v !== 'boolean') throw mismatch(field, jsonKind(v), 'bool');
        out[field] = v;
        break;
      case 'buildParameters': {
        if (!Array.isArray(v))
          throw mismatch(field, jsonKind(v), GO_TYPES.buildParameters);
        out[field] = v.map(item => {
          if (typeof item !== 'object' || item === null || Array.isArray(item))
            throw mismatch(
              field,
              jsonKind(item),
              'codersdk.WorkspaceBuildParameter',
            );
          const entry = item as Record<string, unknown>;
          const param: ParameterValue = { name: '', value: '' };
          for (const key of ['name', 'value'] as const) {
            const x = entry[key];
            if (x === undefined || x === null) continue;
            if (typeof x !== 'string')
              throw mismatch(`${field}.${key}`, jsonKind(x), 'string');
            param[key] = x;
          }
          return param;
        });
        break;
      }
      default:
        break;
    }
  }
  return out;
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const NAME_RE = /^[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$/;

/** codersdk.NameValid */
export function nameValid(name: string): boolean {
  return (
    Buffer.byteLength(name) <= 32 &&
    name.length >= 1 &&
    name !== 'new' &&
    name !== 'create' &&
    NAME_RE.test(name)
  );
}

/** coderd validWorkspaceSchedule (approximation of schedule.Weekly, see COMPATIBILITY.md). */
function validateSchedule(schedule: string): string | undefined {
  let spec = schedule.trim();
  if (spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    spec = space === -1 ? '' : spec.slice(space + 1).trim();
  }
  const fields = spec.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) {
    return `parse schedule: expected exactly 5 fields, found ${
      fields.length
    }: [${fields.join(' ')}]`;
  }
  if (fields[2] !== '*' || fields[3] !== '*') {
    return 'expected schedule to consist of 5 fields with an optional CRON_TZ=<timezone> prefix';
  }
  return undefined;
}

/** coderd validWorkspaceTTLMillis */
function validateTtl(
  ttlMs: number | undefined,
  templateDefaultMs: number,
): { ttl: number | null } | { error: string } {
  if (!ttlMs) return { ttl: templateDefaultMs > 0 ? templateDefaultMs : null };
  const truncated = ttlMs - (ttlMs % 60000);
  if (truncated < 60000)
    return { error: 'time until shutdown must be at least one minute' };
  if (truncated > 30 * 24 * 3600 * 1000)
    return { error: 'time until shutdown must be less than 30 days' };
  return { ttl: truncated };
}

/**
 * POST /organizations/{organization}/members/{user}/workspaces (and POST /users/{user}/workspaces,
 * where the organization is the template's): coderd createWorkspace.
 */
function createWorkspace(
  ctx: RouteContext,
  org: OrganizationRecord | undefined,
  owner: UserRecord,
): RouteResult {
  const { store } = ctx;
  // "Do this upfront to save work": a member may only create workspaces for themself.
  if (owner.id !== ctx.user.id && !store.isOwner(ctx.user))
    throw resourceNotFound();

  const req = decodeBody(ctx.body, 'CreateWorkspaceRequest', {
    template_id: 'uuid',
    template_version_id: 'uuid',
    name: 'string',
    autostart_schedule: 'nullableString',
    ttl_ms: 'int64',
    rich_parameter_values: 'buildParameters',
    automatic_updates: 'string',
  });
  const templateId = (req.template_id as string | undefined) ?? NIL_UUID;
  const versionId = (req.template_version_id as string | undefined) ?? NIL_UUID;
  const name = (req.name as string | undefined) ?? '';
  const validations: CoderValidation[] = [];
  if (templateId === NIL_UUID && versionId === NIL_UUID) {
    validations.push(
      tagValidation('template_id', 'required_without', templateId),
    );
    validations.push(
      tagValidation('template_version_id', 'required_without', versionId),
    );
  } else if (templateId !== NIL_UUID && versionId !== NIL_UUID) {
    validations.push(tagValidation('template_id', 'excluded_with', templateId));
    validations.push(
      tagValidation('template_version_id', 'excluded_with', versionId),
    );
  }
  if (!nameValid(name))
    validations.push(tagValidation('name', 'workspace_name', name));
  if (validations.length > 0) throw validationFailed(validations);

  let template: TemplateRecord | undefined;
  if (templateId === NIL_UUID) {
    const version = store.templateVersions.get(versionId);
    if (!version || !canSeeOrganization(ctx, version.organizationId)) {
      throw httpError(
        400,
        `Template version ${goQuote(versionId)} doesn't exist.`,
        undefined,
        [{ field: 'template_version_id', detail: 'template not found' }],
      );
    }
    template = store.templates.get(version.templateId);
  } else {
    template = store.templates.get(templateId);
  }
  if (!template || !canSeeOrganization(ctx, template.organizationId)) {
    throw httpError(
      400,
      `Template ${goQuote(template?.id ?? templateId)} doesn't exist.`,
      undefined,
      [{ field: 'template_id', detail: 'template not found' }],
    );
  }
  const targetOrg = org ?? store.organizations.get(template.organizationId)!;
  if (targetOrg.id !== template.organizationId) {
    throw httpError(
      403,
      `Template is not in organization ${goQuote(targetOrg.name)}.`,
    );
  }
  if (!owner.organizationIds.includes(targetOrg.id)) throw resourceNotFound();

  const schedule = req.autostart_schedule as string | undefined;
  if (schedule) {
    const problem = validateSchedule(schedule);
    if (problem) {
      throw httpError(400, 'Invalid Autostart Schedule.', undefined, [
        { field: 'schedule', detail: problem },
      ]);
    }
  }
  const ttl = validateTtl(
    req.ttl_ms as number | undefined,
    template.defaultTtlMs,
  );
  if ('error' in ttl) {
    throw httpError(400, 'Invalid Workspace Time to Shutdown.', undefined, [
      { field: 'ttl_ms', detail: ttl.error },
    ]);
  }
  if (store.workspaceByOwnerAndName(owner.id, name)) {
    throw httpError(
      409,
      `Workspace ${goQuote(name)} already exists.`,
      undefined,
      [
        {
          field: 'name',
          detail: 'This value is already in use and should be unique.',
        },
      ],
    );
  }

  const buildVersionId =
    versionId === NIL_UUID ? template.activeVersionId : versionId;
  const version = store.templateVersions.get(buildVersionId)!;
  const parameters = resolveBuildParameters(
    version.parameters,
    (req.rich_parameter_values as ParameterValue[] | undefined) ?? [],
    [],
  );
  const now = store.now();
  const automaticUpdates: AutomaticUpdates =
    req.automatic_updates === 'always' ? 'always' : 'never';
  const workspace: WorkspaceRecord = {
    id: randomUUID(),
    organizationId: targetOrg.id,
    ownerId: owner.id,
    templateId: template.id,
    name,
    createdAt: now,
    updatedAt: now,
    lastUsedAt: now,
    ttlMs: ttl.ttl,
    autostartSchedule: schedule || null,
    automaticUpdates,
    deleted: false,
  };
  store.workspaces.set(workspace.id, workspace);
  createBuild(store, {
    workspace,
    transition: 'start',
    templateVersionId: buildVersionId,
    initiatorId: ctx.user.id,
    parameters,
  });
  return { status: 201, body: workspaceJson(store, workspace) };
}

/** POST /workspaces/{workspace}/builds: coderd postWorkspaceBuilds + wsbuilder.Builder.Build. */
function postWorkspaceBuild(ctx: RouteContext): RouteResult {
  const { store } = ctx;
  const workspace = workspaceParam(ctx);
  const req = decodeBody(ctx.body, 'CreateWorkspaceBuildRequest', {
    template_version_id: 'uuid',
    transition: 'string',
    dry_run: 'bool',
    orphan: 'bool',
    rich_parameter_values: 'buildParameters',
    log_level: 'string',
  });
  const transition = (req.transition as string | undefined) ?? '';
  if (!['start', 'stop', 'delete'].includes(transition)) {
    throw validationFailed([tagValidation('transition', 'oneof', transition)]);
  }
  if (workspace.deleted) {
    throw httpError(
      410,
      `Workspace ${goQuote(
        workspace.id,
      )} was deleted, you can view this workspace by specifying '?deleted=true' and trying again.`,
    );
  }
  const template = store.templates.get(workspace.templateId)!;
  const previous = store.latestBuild(workspace.id);
  let versionId = previous.templateVersionId;
  const requestedVersion = req.template_version_id as string | undefined;
  if (requestedVersion && requestedVersion !== NIL_UUID) {
    const version = store.templateVersions.get(requestedVersion);
    if (!version) {
      throw httpError(
        400,
        'template version does not exist',
        'sql: no rows in result set',
      );
    }
    if (version.templateId !== template.id) {
      throw httpError(
        400,
        "template version doesn't match template",
        `templateVersion.TemplateID = ${version.templateId}, template.ID = ${template.id}`,
      );
    }
    versionId = version.id;
  }
  if (isJobActive(previous.job.status)) {
    throw httpError(
      409,
      'A workspace build is already active.',
      'A workspace build is already active.',
    );
  }
  const version = store.templateVersions.get(versionId)!;
  const parameters = resolveBuildParameters(
    version.parameters,
    (req.rich_parameter_values as ParameterValue[] | undefined) ?? [],
    previous.parameters,
  );
  const build = createBuild(store, {
    workspace,
    transition: transition as Transition,
    templateVersionId: versionId,
    initiatorId: ctx.user.id,
    parameters,
  });
  return { status: 201, body: buildJson(store, build) };
}

/** GET /workspace-quota/{user} and /organizations/{org}/members/{user}/workspace-quota. */
function workspaceQuota(
  ctx: RouteContext,
  org: OrganizationRecord,
  user: UserRecord,
): RouteResult {
  if (user.id !== ctx.user.id && !ctx.store.isOwner(ctx.user))
    throw resourceNotFound();
  const body: Json = {
    credits_consumed: quotaConsumed(ctx.store, user.id, org.id),
    budget: user.quotaBudget,
  };
  return ok(body);
}
