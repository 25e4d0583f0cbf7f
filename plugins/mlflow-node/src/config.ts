import { Config } from '@backstage/config';
import { z } from 'zod';

const serverSchema = z
  .object({
    name: z.string().regex(/^[\w.-]{1,63}$/, 'letters, digits, . _ or -'),
    baseUrl: z.string().regex(/^https?:\/\/[^/]+/, 'an http(s) URL'),
    /** Where people open the MLflow UI; the API address when absent. */
    uiUrl: z
      .string()
      .regex(/^https?:\/\/[^/]+/, 'an http(s) URL')
      .optional(),
    /** Bearer token for MLflow behind an authenticating proxy (never sent to browsers). */
    token: z.string().min(1).optional(),
    /** Basic auth of MLflow's own auth app. */
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
  })
  .refine(s => Boolean(s.username) === Boolean(s.password), {
    message: 'username and password go together',
  });
export type MlflowServer = z.infer<typeof serverSchema>;

/** The configured MLflow servers (`mlflow.servers`), checked; names are unique. */
export function readMlflowServers(config: Config): MlflowServer[] {
  const parsed = z
    .array(serverSchema)
    .safeParse(config.getOptional('mlflow.servers') ?? []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path
      .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('');
    throw new Error(`mlflow.servers${at}: ${issue.message}`);
  }
  const names = new Set<string>();
  for (const server of parsed.data) {
    if (names.has(server.name)) {
      throw new Error(
        `mlflow.servers: ${server.name} is listed twice; give each server its own name`,
      );
    }
    names.add(server.name);
  }
  return parsed.data;
}
