import { Config } from '@backstage/config';
import { z } from 'zod';

const settingsSchema = z.object({
  baseUrl: z
    .string()
    .regex(
      /^https?:\/\/[^/]+/,
      'must be an http(s) URL such as https://coder.example.com',
    )
    .transform(url => url.replace(/\/+$/, '')),
  /** Organization (name or id) new workspaces go into; the user's default one when absent. */
  organization: z.string().min(1).optional(),
  /**
   * 32 random bytes, base64 (e.g. `openssl rand -base64 32`): encrypts the users' Coder tokens
   * at rest. Changing it makes every user connect again.
   */
  tokenEncryptionKey: z
    .string()
    .refine(
      key => Buffer.from(key, 'base64').length === 32,
      'must be 32 random bytes in base64; make one with: openssl rand -base64 32',
    ),
  /** An admin token the portal may use to list templates for users who have not connected. */
  adminToken: z.string().min(10).optional(),
  parameters: z
    .object({
      /** The template parameter that holds the repository a workspace clones. */
      repoUrl: z.string().min(1).default('repo_url'),
      /** The template parameter that holds how many GPUs a workspace gets. */
      gpuCount: z.string().min(1).default('gpu_count'),
    })
    .default({ repoUrl: 'repo_url', gpuCount: 'gpu_count' }),
  /**
   * Hours a workspace runs before Coder stops it (its TTL); also the hours the budget check
   * reserves for a GPU workspace.
   */
  workspaceHours: z.number().positive().max(744).default(8),
  /** The GPU resource of the team's quota a workspace's GPUs count against. */
  gpuResource: z.string().min(1).default('nvidia.com/gpu'),
  timeoutSeconds: z.number().positive().max(300).default(15),
});

export type CoderSettings = Omit<
  z.infer<typeof settingsSchema>,
  'tokenEncryptionKey'
> & { tokenEncryptionKey: Buffer };

/** `coder.*` from app-config, checked; undefined when Coder is not configured (no `coder.baseUrl`). */
export function readCoderSettings(config: Config): CoderSettings | undefined {
  const raw = config.getOptional('coder');
  if (raw === undefined) return undefined;
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.map(String).join('.');
    throw new Error(`coder${at ? `.${at}` : ''}: ${issue.message}`);
  }
  return {
    ...parsed.data,
    tokenEncryptionKey: Buffer.from(parsed.data.tokenEncryptionKey, 'base64'),
  };
}
