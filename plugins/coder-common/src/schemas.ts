import { z } from 'zod';

/**
 * Coder's rule for workspace names (codersdk NameValid): 1 to 32 letters, digits and single
 * hyphens, not starting or ending with a hyphen.
 */
export const workspaceNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(32, 'must be at most 32 characters (Coder’s limit)')
  .regex(
    /^[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$/,
    'must be letters, digits and single hyphens, not starting or ending with a hyphen (Coder’s rule), e.g. bert-gpu-1',
  );

/** A team is a DNS label: its namespace has the same name. */
const teamSchema = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'must be a team name such as nlp-team',
  );

/** PUT /connection */
export const connectRequestSchema = z
  .object({
    token: z
      .string()
      .trim()
      .min(10, 'must be a Coder session token (run `coder tokens create`)')
      .max(500, 'is too long for a Coder session token'),
  })
  .strict();

/** GET /workspaces */
export const listWorkspacesQuerySchema = z
  .object({
    repoUrl: z.string().url('must be a repository URL').optional(),
    template: z.string().min(1).max(128).optional(),
  })
  .strict();

/** POST /workspaces */
export const createWorkspaceRequestSchema = z
  .object({
    name: workspaceNameSchema,
    template: z
      .string()
      .min(1, 'must name a Coder template')
      .max(128, 'must be at most 128 characters'),
    team: teamSchema,
    gpus: z
      .number({ message: 'must be a whole number of GPUs' })
      .int('must be a whole number of GPUs')
      .min(0, 'must be 0 or more'),
    repoUrl: z.string().url('must be a repository URL').optional(),
  })
  .strict();

export type CreateWorkspaceRequest = z.infer<
  typeof createWorkspaceRequestSchema
>;

/** POST /workspaces/:id/builds */
export const buildRequestSchema = z
  .object({
    transition: z.enum(['start', 'stop', 'delete']),
    /** The team whose GPU quota and budget a start is checked against (the project's owner). */
    team: teamSchema.optional(),
  })
  .strict();

export type WorkspaceTransition = z.infer<
  typeof buildRequestSchema
>['transition'];

/**
 * The portal's record of a workspace it created or started for a user: platform metrics count
 * workspaces used from these (GET /api/coder/uses?since=, service calls only).
 */
export const workspaceUseSchema = z.object({
  workspaceId: z.string(),
  workspaceName: z.string(),
  userEntityRef: z.string(),
  /** The team whose GPUs it used, when it asked for GPUs. */
  team: z.string().optional(),
  gpus: z.number().int().min(0),
  action: z.enum(['create', 'start']),
  at: z.string(),
});

export const workspaceUsesAnswerSchema = z.object({
  uses: z.array(workspaceUseSchema),
});

export const workspaceUsesQuerySchema = z.object({
  since: z
    .string()
    .refine(s => !Number.isNaN(Date.parse(s)), 'is not an ISO-8601 time'),
});

export type WorkspaceUse = z.infer<typeof workspaceUseSchema>;
