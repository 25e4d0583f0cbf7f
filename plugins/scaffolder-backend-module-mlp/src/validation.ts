// Field rules shared by the mlp:* actions. Each rule is a zod refinement, not a JSON-schema
// keyword, so the scaffolder's own schema check only checks types and our handler's parse gives
// the message: the field, what is wrong, and what a good value looks like.
import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// A Kubernetes resource quantity (k8s.io/apimachinery/pkg/api/resource), without a sign: a
// number, then an optional binary suffix (Ki..Ei), decimal suffix (n, u, m, k, M..E) or exponent.
const QUANTITY =
  /^(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
// Extended resource names such as nvidia.com/gpu or nvidia.com/mig-1g.10gb.
const GPU_RESOURCE =
  /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[a-z0-9]([-a-z0-9._]*[a-z0-9])?$/;

export function dnsLabelProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 63)
    return `is ${value.length} characters long; Kubernetes names are at most 63`;
  if (!DNS_LABEL.test(value)) {
    const hint = /[A-Z]/.test(value)
      ? ` (use '${value.toLowerCase().replace(/[^a-z0-9-]/g, '-')}')`
      : '';
    return `'${value}' is not a valid name: use lowercase letters, digits and '-' only, starting and ending with a letter or digit, such as 'nlp-team'${hint}`;
  }
  return undefined;
}

/** A DNS-1123 label: namespace, team and project names. */
export const dnsLabel = (description: string) =>
  z
    .string({
      required_error: 'is required',
      invalid_type_error: 'must be text',
    })
    .superRefine((value, ctx) => {
      const problem = dnsLabelProblem(value);
      if (problem)
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    })
    .describe(description);

/** A positive Kubernetes quantity such as 500m, 32 or 128Gi. */
export const quantity = (description: string) =>
  z
    .string({
      required_error: 'is required',
      invalid_type_error: 'must be text such as "64Gi"',
    })
    .superRefine((value, ctx) => {
      if (!QUANTITY.test(value)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `'${value}' is not a Kubernetes quantity: write a number with an optional unit, such as 500m or 8 (CPU) or 64Gi (memory)`,
        });
      } else if (Number.parseFloat(value) === 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'must be more than 0',
        });
      }
    })
    .describe(description);

/** A whole number of GPUs between min and max (max comes from config). */
export const gpuCount = (
  description: string,
  min: number,
  max: number,
  setting: string,
) =>
  z
    .number({
      required_error: 'is required',
      invalid_type_error: 'must be a whole number',
    })
    .superRefine((value, ctx) => {
      if (!Number.isInteger(value)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `${value} is not a whole number of GPUs`,
        });
      } else if (value < min) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be at least ${min} (got ${value})`,
        });
      } else if (value > max) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be at most ${max} (got ${value}); the bound is ${setting} in the portal's config`,
        });
      }
    })
    .describe(description);

/** GPU resource names with counts, such as { "nvidia.com/mig-1g.10gb": 4 }. */
export const gpuTypes = (description: string, max: number, setting: string) =>
  z
    .record(z.string(), gpuCount('GPUs of this type', 0, max, setting))
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value)) {
        if (!GPU_RESOURCE.test(key) || key.length > 253) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [key],
            message: `'${key}' is not a GPU resource name: use the device plugin's name, such as nvidia.com/gpu or nvidia.com/mig-1g.10gb`,
          });
        }
      }
    })
    .describe(description);

/** Parses an action's input; every problem is named by its field. Nothing has happened yet. */
export function parseInput<T extends z.ZodTypeAny>(
  actionId: string,
  schema: T,
  input: unknown,
): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map(issue => {
    const field = issue.path.length ? issue.path.join('.') : 'input';
    return `${field}: ${issue.message}`;
  });
  throw new InputError(
    `${actionId} was given bad input, nothing was changed. ${problems.join(
      '; ',
    )}`,
  );
}
