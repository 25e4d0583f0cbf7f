import { z } from 'zod';

/** One command-line login: an offline session of the auth backend. */
export const cliSessionSchema = z.object({
  id: z.string(),
  userEntityRef: z.string(),
  /** The client's name (e.g. "mlp") or, for another client, its client id. */
  client: z.string(),
  /** The computer it runs on, as mlp reported it after logging in. */
  host: z.string().optional(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  /** When it ends unless used again (or at the latest, whichever comes first). */
  expiresAt: z.string(),
});

export const cliSessionsAnswerSchema = z.object({
  sessions: z.array(cliSessionSchema),
  /** Whether the caller may see and revoke everyone's (a platform keeper). */
  mayManageAll: z.boolean(),
});

/** What mlp reports about itself after logging in. */
export const cliSessionHostSchema = z.object({
  host: z
    .string()
    .trim()
    .min(1, 'is empty: give the computer name')
    .max(100, 'is longer than 100 characters')
    .regex(/^[\w.@:-]+$/, 'may hold letters, digits and . _ - @ : only'),
});

export type CliSession = z.infer<typeof cliSessionSchema>;
export type CliSessionsAnswer = z.infer<typeof cliSessionsAnswerSchema>;

/** A service token for automation, as keepers see it (never its secret). */
export const serviceTokenSchema = z.object({
  id: z.string(),
  /** The user it acts as, usually a service account such as user:default/nlp-ci. */
  userEntityRef: z.string(),
  name: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().optional(),
});

export const serviceTokensAnswerSchema = z.object({
  tokens: z.array(serviceTokenSchema),
});

/** What a keeper asks for: whom the token acts as, a name, and how many days it lasts. */
export const serviceTokenRequestSchema = z.object({
  user: z
    .string()
    .trim()
    .regex(
      /^user:[a-z0-9._-]+\/[a-z0-9._-]+$/i,
      'is not a user reference: write it as user:default/nlp-ci',
    ),
  name: z
    .string()
    .trim()
    .min(1, 'is empty: say what uses it, e.g. "nlp-team nightly training"')
    .max(100, 'is longer than 100 characters'),
  days: z
    .number()
    .int('is not a whole number of days')
    .min(1, 'must be at least 1')
    .max(365, 'must be at most 365: make a new token each year'),
});

/** The answer to making one: the token itself, shown this once. */
export const createdServiceTokenSchema = z.object({
  token: z.string(),
  serviceToken: serviceTokenSchema,
});

export type ServiceToken = z.infer<typeof serviceTokenSchema>;
export type ServiceTokenRequest = z.infer<typeof serviceTokenRequestSchema>;
export type CreatedServiceToken = z.infer<typeof createdServiceTokenSchema>;

/** A user's first and last sign-in to the portal, as the auth backend recorded them. */
export const signInRecordSchema = z.object({
  userEntityRef: z.string(),
  firstAt: z.string(),
  lastAt: z.string(),
  /** Sign-ins and session restores counted. */
  count: z.number().int().min(1),
});

/** GET /api/auth/mlp-cli/sign-ins (service calls only, e.g. platform metrics). */
export const signInsAnswerSchema = z.object({
  signIns: z.array(signInRecordSchema),
});

export type SignInRecord = z.infer<typeof signInRecordSchema>;
