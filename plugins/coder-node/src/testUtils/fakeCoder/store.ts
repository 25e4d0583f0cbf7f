// The fake's in-memory state: organizations, users and their session tokens, templates with one
// version each, workspaces and their builds. Pure data plus lookups; the build lifecycle lives in
// lifecycle.ts and the JSON shapes in shapes.ts.
import { randomBytes, randomUUID } from 'node:crypto';

export type ParameterType = 'string' | 'number' | 'bool' | 'list(string)';

/** A template's rich parameter, as a test or seed declares it (terraform `coder_parameter`). */
export interface FakeParameterSpec {
  name: string;
  displayName?: string;
  description?: string;
  /** Default `string`. */
  type?: ParameterType;
  /** No default means the parameter is required, as in terraform-provider-coder. */
  defaultValue?: string | number | boolean;
  /** Default `false`, as in terraform-provider-coder. */
  mutable?: boolean;
  ephemeral?: boolean;
  icon?: string;
  options?: Array<{
    name: string;
    value: string;
    description?: string;
    icon?: string;
  }>;
  validationMin?: number;
  validationMax?: number;
  validationRegex?: string;
  validationError?: string;
  validationMonotonic?: 'increasing' | 'decreasing';
}

export interface ParameterRecord {
  name: string;
  displayName: string;
  description: string;
  type: ParameterType;
  defaultValue: string;
  required: boolean;
  mutable: boolean;
  ephemeral: boolean;
  icon: string;
  options: Array<{
    name: string;
    value: string;
    description: string;
    icon: string;
  }>;
  validationMin?: number;
  validationMax?: number;
  validationRegex?: string;
  validationError?: string;
  validationMonotonic?: 'increasing' | 'decreasing';
}

export interface OrganizationRecord {
  id: string;
  name: string;
  displayName: string;
  description: string;
  icon: string;
  isDefault: boolean;
  createdAt: number;
}

export type UserStatus = 'active' | 'dormant' | 'suspended';

export interface UserRecord {
  id: string;
  username: string;
  email: string;
  name: string;
  /** Site roles, e.g. `owner`. Plain members have none. */
  roles: string[];
  organizationIds: string[];
  status: UserStatus;
  createdAt: number;
  quotaBudget: number;
}

export interface TokenRecord {
  /** The 10-character key id before the dash. */
  keyId: string;
  secret: string;
  userId: string;
  /** Coder's default session lifetime is 24h; tokens made by the fake never expire unless told. */
  expiresAt: number;
}

export interface TemplateRecord {
  id: string;
  organizationId: string;
  name: string;
  displayName: string;
  description: string;
  icon: string;
  activeVersionId: string;
  createdAt: number;
  createdById: string;
  /** Credits a running workspace of this template costs per day (`coder_metadata.daily_cost`). */
  dailyCost: number;
  defaultTtlMs: number;
  deprecationMessage: string;
}

export interface TemplateVersionRecord {
  id: string;
  templateId: string;
  organizationId: string;
  name: string;
  createdAt: number;
  createdById: string;
  jobId: string;
  fileId: string;
  parameters: ParameterRecord[];
}

export type AutomaticUpdates = 'always' | 'never';

export interface WorkspaceRecord {
  id: string;
  organizationId: string;
  ownerId: string;
  templateId: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  lastUsedAt: number;
  ttlMs: number | null;
  autostartSchedule: string | null;
  automaticUpdates: AutomaticUpdates;
  deleted: boolean;
}

export type Transition = 'start' | 'stop' | 'delete';
export type JobStatus =
  | 'pending'
  | 'running'
  | 'succeeded'
  | 'canceling'
  | 'canceled'
  | 'failed';

export interface ResourceRecord {
  id: string;
  createdAt: number;
  type: string;
  name: string;
  dailyCost: number;
  agent?: { id: string; name: string };
}

export interface BuildRecord {
  id: string;
  /** Creation order across all builds, so lifecycle events at the same instant apply in order. */
  seq: number;
  workspaceId: string;
  templateVersionId: string;
  buildNumber: number;
  transition: Transition;
  initiatorId: string;
  createdAt: number;
  updatedAt: number;
  /** Length of each lifecycle step (pending, then running) for this build. */
  stepMs: number;
  /** Set by failBuildsWith when the build was created: the job fails with this error. */
  forcedError?: string;
  parameters: Array<{ name: string; value: string }>;
  dailyCost: number;
  deadline: number | null;
  resources: ResourceRecord[];
  job: {
    id: string;
    fileId: string;
    status: JobStatus;
    startedAt?: number;
    completedAt?: number;
    error?: string;
    workerId?: string;
  };
}

const TOKEN_ALPHABET =
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomString(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) {
    out += TOKEN_ALPHABET[bytes[i] % TOKEN_ALPHABET.length];
  }
  return out;
}

/** A session token in Coder's format: `${10-char id}-${22-char secret}` (httpmw.SplitAPIToken). */
export function newSessionToken(): string {
  return `${randomString(10)}-${randomString(22)}`;
}

/** httpmw.SplitAPIToken's error text, or undefined when the token has Coder's format. */
export function sessionTokenFormatError(token: string): string | undefined {
  const parts = token.split('-');
  if (parts.length !== 2) {
    return `incorrect amount of API key parts, expected 2 got ${parts.length}`;
  }
  const [id, secret] = parts;
  const idLength = Buffer.byteLength(id);
  const secretLength = Buffer.byteLength(secret);
  if (idLength !== 10) {
    return `invalid API key ID length, expected 10 got ${idLength}`;
  }
  if (secretLength !== 22) {
    return `invalid API key secret length, expected 22 got ${secretLength}`;
  }
  return undefined;
}

export class FakeCoderStore {
  readonly organizations = new Map<string, OrganizationRecord>();
  readonly users = new Map<string, UserRecord>();
  /** Keyed by the token's key id, as Coder's api_keys table is. */
  readonly tokens = new Map<string, TokenRecord>();
  readonly templates = new Map<string, TemplateRecord>();
  readonly templateVersions = new Map<string, TemplateVersionRecord>();
  readonly workspaces = new Map<string, WorkspaceRecord>();
  readonly builds = new Map<string, BuildRecord>();
  readonly defaultOrganization: OrganizationRecord;
  /** A system user that "created" templates added by tests. */
  readonly templateAuthor: UserRecord;
  readonly deploymentId = randomUUID();
  buildStepMs: number;
  forcedBuildError: string | undefined;
  private buildSeq = 0;

  constructor(readonly now: () => number, buildStepMs: number) {
    this.buildStepMs = buildStepMs;
    const createdAt = now();
    this.defaultOrganization = {
      id: randomUUID(),
      name: 'coder',
      displayName: 'Coder',
      description: 'Builtin default organization.',
      icon: '',
      isDefault: true,
      createdAt,
    };
    this.organizations.set(
      this.defaultOrganization.id,
      this.defaultOrganization,
    );
    this.templateAuthor = {
      id: randomUUID(),
      username: 'template-admin',
      email: 'template-admin@example.com',
      name: 'Template Admin',
      roles: ['template-admin'],
      organizationIds: [this.defaultOrganization.id],
      status: 'active',
      createdAt,
      quotaBudget: 0,
    };
    this.users.set(this.templateAuthor.id, this.templateAuthor);
  }

  nextBuildSeq(): number {
    this.buildSeq += 1;
    return this.buildSeq;
  }

  userByUsername(username: string): UserRecord | undefined {
    const lower = username.toLowerCase();
    for (const user of this.users.values()) {
      if (user.username.toLowerCase() === lower) return user;
    }
    return undefined;
  }

  userByToken(token: string): UserRecord | undefined {
    const record = this.tokens.get(token.split('-')[0]);
    return record ? this.users.get(record.userId) : undefined;
  }

  isOwner(user: UserRecord): boolean {
    return user.roles.includes('owner');
  }

  organizationByRef(ref: string): OrganizationRecord | undefined {
    if (ref === 'default' || ref === '00000000-0000-0000-0000-000000000000') {
      return this.defaultOrganization;
    }
    const byId = this.organizations.get(ref.toLowerCase());
    if (byId) return byId;
    for (const org of this.organizations.values()) {
      if (org.name.toLowerCase() === ref.toLowerCase()) return org;
    }
    return undefined;
  }

  templateVersionOf(template: TemplateRecord): TemplateVersionRecord {
    return this.templateVersions.get(template.activeVersionId)!;
  }

  buildsOf(workspaceId: string): BuildRecord[] {
    return [...this.builds.values()]
      .filter(b => b.workspaceId === workspaceId)
      .sort((a, b) => a.buildNumber - b.buildNumber);
  }

  latestBuild(workspaceId: string): BuildRecord {
    const builds = this.buildsOf(workspaceId);
    return builds[builds.length - 1];
  }

  /** GetWorkspaceByOwnerIDAndName: non-deleted, name compared case-insensitively. */
  workspaceByOwnerAndName(
    ownerId: string,
    name: string,
    includeDeleted = false,
  ): WorkspaceRecord | undefined {
    const candidates = [...this.workspaces.values()]
      .filter(
        w =>
          w.ownerId === ownerId && w.name.toLowerCase() === name.toLowerCase(),
      )
      .sort((a, b) => b.createdAt - a.createdAt);
    return (
      candidates.find(w => !w.deleted) ??
      (includeDeleted ? candidates[0] : undefined)
    );
  }
}
