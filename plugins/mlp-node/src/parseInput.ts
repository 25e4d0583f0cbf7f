import { InputError } from '@backstage/errors';
import type { z } from 'zod';

/**
 * Parses request input with zod. A failure is an InputError that names every field and what to
 * do about it; unknown keys are named as not a `noun` (field, parameter) of `where`.
 */
export function parseInput<T>(
  schema: z.ZodType<T>,
  value: unknown,
  where: string,
  noun = 'field',
): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map(issue =>
    issue.code === 'unrecognized_keys'
      ? `${issue.keys.join(', ')}: not a ${noun} of this ${where}; remove it`
      : `${issue.path.join('.') || where}: ${issue.message}`,
  );
  throw new InputError(`Invalid ${where}: ${problems.join('; ')}`);
}
