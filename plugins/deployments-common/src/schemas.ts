import { z } from 'zod';

/** Where a model version can be deployed. Production needs an approval. */
export const ENVIRONMENTS = ['staging', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** A registered model's name in MLflow, as the portal accepts it in paths and requests. */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const modelName = z
  .string({
    error:
      'is required: the registered model, such as support-ticket-classifier',
  })
  .regex(
    MODEL_NAME_PATTERN,
    'must be a registered model name such as support-ticket-classifier (letters, digits, ., _ and -)',
  );

const environment = z.enum(ENVIRONMENTS, {
  error: 'must be staging or production',
});

/** POST /deployments: deploy one version of a registered model, named by number or alias. */
export const deployRequestSchema = z
  .strictObject({
    model: modelName,
    version: z
      .string()
      .regex(/^[1-9][0-9]{0,8}$/, 'must be a version number such as 3')
      .optional(),
    alias: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{1,63}$/,
        'must be an alias such as champion (letters, digits, _ and -)',
      )
      .optional(),
    environment,
    replicas: z
      .number({ error: 'is required: how many copies of the model serve' })
      .int('must be a whole number')
      .min(1, 'must be at least 1: an endpoint with 0 replicas serves nothing'),
    gpus: z
      .number({ error: 'must be a number of GPUs per replica' })
      .int('must be a whole number of GPUs per replica')
      .min(0, 'must be 0 or more GPUs per replica')
      .default(0),
  })
  .superRefine((value, ctx) => {
    if (!value.version === !value.alias) {
      ctx.addIssue({
        code: 'custom',
        path: ['version'],
        message:
          'name exactly one of version (such as 3) or alias (such as champion)',
      });
    }
  });
export type DeployRequest = z.input<typeof deployRequestSchema>;
export type ParsedDeployRequest = z.output<typeof deployRequestSchema>;

/** POST /deployments/:id/reject */
export const rejectSchema = z.strictObject({
  reason: z
    .string({ error: 'is required: why the deploy is rejected' })
    .trim()
    .min(1, 'is required: why the deploy is rejected')
    .max(500, 'must be at most 500 characters'),
});

/** POST /models/:model/rollback */
export const rollbackSchema = z.strictObject({ environment });

export const modelParamSchema = modelName;
export const deploymentIdSchema = z
  .string()
  .regex(/^[0-9a-f-]{36}$/, 'must be a deployment id');

/** GET /models/:model/lineage?version= */
export const lineageQuerySchema = z.strictObject({
  version: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, 'must be a version number such as 3')
    .optional(),
});
