import { z } from 'zod';

// The parts of Coder's API v2 (codersdk) the portal reads. Unknown fields are dropped; a missing
// documented field fails the parse, so a changed API shows up as one clear error.

export const coderUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string().optional(),
  organization_ids: z.array(z.string()).default([]),
});
export type CoderUser = z.infer<typeof coderUserSchema>;

export const coderOrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  is_default: z.boolean().optional(),
});
export type CoderOrganization = z.infer<typeof coderOrganizationSchema>;

export const coderTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  display_name: z.string().default(''),
  description: z.string().default(''),
  organization_id: z.string(),
  active_version_id: z.string(),
  deprecated: z.boolean().optional(),
});
export type CoderTemplate = z.infer<typeof coderTemplateSchema>;

export const coderTemplateParameterSchema = z.object({
  name: z.string(),
  display_name: z.string().default(''),
  description: z.string().default(''),
  type: z.string(),
  default_value: z.string().default(''),
  required: z.boolean().default(false),
  mutable: z.boolean().optional(),
  validation_min: z.number().nullable().optional(),
  validation_max: z.number().nullable().optional(),
  options: z
    .array(z.object({ name: z.string(), value: z.string() }))
    .nullable()
    .default([]),
});
export type CoderTemplateParameter = z.infer<
  typeof coderTemplateParameterSchema
>;

export const coderBuildStatusSchema = z.enum([
  'pending',
  'starting',
  'running',
  'stopping',
  'stopped',
  'failed',
  'canceling',
  'canceled',
  'deleting',
  'deleted',
]);

export const coderWorkspaceBuildSchema = z.object({
  id: z.string(),
  build_number: z.number(),
  created_at: z.string(),
  status: coderBuildStatusSchema,
  transition: z.enum(['start', 'stop', 'delete']),
  workspace_id: z.string(),
  job: z.object({
    status: z.string(),
    error: z.string().optional(),
  }),
});
export type CoderWorkspaceBuild = z.infer<typeof coderWorkspaceBuildSchema>;

export const coderWorkspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  owner_id: z.string(),
  owner_name: z.string(),
  organization_id: z.string(),
  template_id: z.string(),
  template_name: z.string(),
  template_display_name: z.string().default(''),
  created_at: z.string(),
  last_used_at: z.string(),
  outdated: z.boolean().default(false),
  latest_build: coderWorkspaceBuildSchema,
});
export type CoderApiWorkspace = z.infer<typeof coderWorkspaceSchema>;

export const coderWorkspacesSchema = z.object({
  workspaces: z.array(coderWorkspaceSchema),
  count: z.number(),
});

export const coderBuildParametersSchema = z.array(
  z.object({ name: z.string(), value: z.string() }),
);

export const coderWorkspaceQuotaSchema = z.object({
  credits_consumed: z.number(),
  budget: z.number(),
});

/** codersdk.CreateWorkspaceRequest, the fields the portal sends. */
export type CoderCreateWorkspaceRequest = {
  name: string;
  template_id: string;
  rich_parameter_values: Array<{ name: string; value: string }>;
  ttl_ms?: number;
};
