import { z } from 'zod';
import { QUOTA_REQUEST_STATUSES } from './types';

/** Longest justification or comment kept; a reviewer reads it, so it stays a paragraph. */
export const MAX_TEXT_LENGTH = 2000;
/** Longest increase: a quarter. Longer needs are a new quota, set by onboarding. */
export const MAX_DURATION_DAYS = 90;

const teamName = z
  .string({ error: 'is required: the team, e.g. nlp-team' })
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be a team name: lowercase letters, digits and dashes, e.g. nlp-team',
  )
  .max(63, 'is longer than 63 characters');

const resourceName = z
  .string({ error: 'is required: the GPU resource, e.g. nvidia.com/gpu' })
  .regex(
    /^[a-z0-9.-]+\/[a-z0-9][-a-z0-9_.]*$/i,
    'must be a GPU resource name such as nvidia.com/gpu or nvidia.com/mig-1g.10gb',
  );

/** Body of POST /requests. */
export const createQuotaRequestSchema = z.strictObject({
  team: teamName,
  resource: resourceName,
  amount: z
    .number({ error: 'is required: the total number of GPUs you want' })
    .int('must be a whole number of GPUs')
    .positive('must be more than 0: the new total, not the difference'),
  justification: z
    .string({ error: 'is required: say what the GPUs are for' })
    .trim()
    .min(10, 'is too short: say in a sentence what the GPUs are for')
    .max(
      MAX_TEXT_LENGTH,
      `is longer than ${MAX_TEXT_LENGTH} characters: link to a document instead`,
    ),
  durationDays: z
    .number({ error: 'is required: for how many days you need them' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(
      MAX_DURATION_DAYS,
      `must be at most ${MAX_DURATION_DAYS} days; for a lasting change ask the platform team to re-onboard the team`,
    ),
});
export type CreateQuotaRequest = z.infer<typeof createQuotaRequestSchema>;

const comment = z
  .string()
  .trim()
  .max(
    MAX_TEXT_LENGTH,
    `is longer than ${MAX_TEXT_LENGTH} characters: link to a document instead`,
  );

/** Body of POST /requests/:id/approve and /cancel. */
export const decisionSchema = z.strictObject({
  comment: comment.optional(),
});

/** Body of POST /requests/:id/reject: the asker deserves a reason. */
const REJECTION_NEEDS_REASON =
  'is required when rejecting: tell the team why, and what they could ask for instead';
export const rejectionSchema = z.strictObject({
  comment: z
    .string({ error: REJECTION_NEEDS_REASON })
    .trim()
    .min(1, REJECTION_NEEDS_REASON)
    .max(
      MAX_TEXT_LENGTH,
      `is longer than ${MAX_TEXT_LENGTH} characters: link to a document instead`,
    ),
});

/** Query of GET /requests. */
export const listRequestsQuerySchema = z.strictObject({
  team: teamName.optional(),
  status: z.enum(QUOTA_REQUEST_STATUSES).optional(),
});

/** Query of GET /audit. */
export const auditQuerySchema = z.strictObject({
  team: teamName.optional(),
  requestId: z.string().uuid('must be a request id').optional(),
  format: z.enum(['json', 'csv']).optional(),
});
