import { z } from 'zod';

const teamName = z
  .string({ error: 'is required: the team, e.g. nlp-team' })
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be a team name: lowercase letters, digits and dashes, e.g. nlp-team',
  )
  .max(63, 'is longer than 63 characters');

/** Largest budget accepted, per team and month: a typo guard, not a business rule. */
export const MAX_BUDGET = 100_000_000;
/** Longest job a budget check estimates: a month. */
export const MAX_JOB_HOURS = 24 * 31;
/** Longest range a summary or export covers. */
export const MAX_RANGE_DAYS = 366;

/** Body of PUT /budgets/:team. */
export const setBudgetSchema = z.strictObject({
  month: z
    .string({ error: 'is required: the month, e.g. 2026-12' })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-12'),
  amount: z
    .number({ error: 'is required: the budget in the configured currency' })
    .positive('must be more than 0')
    .max(MAX_BUDGET, `must be at most ${MAX_BUDGET}`),
});
export type SetBudget = z.infer<typeof setBudgetSchema>;

/** Body of POST /budget-checks. */
export const budgetCheckSchema = z.strictObject({
  team: teamName,
  resource: z
    .string()
    .regex(
      /^[a-z0-9.-]+\/[a-z0-9][-a-z0-9_.]*$/i,
      'must be a GPU resource name such as nvidia.com/gpu',
    )
    .default('nvidia.com/gpu'),
  gpus: z
    .number({ error: 'is required: GPUs the job asks for' })
    .int('must be a whole number of GPUs')
    .positive('must be more than 0'),
  hours: z
    .number({ error: 'is required: how long the job runs, in hours' })
    .positive('must be more than 0')
    .max(MAX_JOB_HOURS, `must be at most ${MAX_JOB_HOURS} (a month)`),
  /** What the reservation is for, e.g. a scaffolder task or job name. */
  reference: z.string().max(200, 'is longer than 200 characters').optional(),
});
export type BudgetCheck = z.input<typeof budgetCheckSchema>;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-11-01')
  .refine(s => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'is not a date');

/** Query of GET /teams/:team/summary and /export: days in UTC, `to` exclusive. */
export const rangeQuerySchema = z
  .strictObject({
    from: isoDay,
    to: isoDay,
    format: z.enum(['json', 'csv']).optional(),
  })
  .refine(q => q.from < q.to, {
    message:
      'from must be before to (to is exclusive: from=2026-11-01&to=2026-12-01 is November)',
    path: ['to'],
  })
  .refine(
    q => Date.parse(q.to) - Date.parse(q.from) <= MAX_RANGE_DAYS * 86_400_000,
    {
      message: `covers more than ${MAX_RANGE_DAYS} days; ask for a year at most`,
      path: ['to'],
    },
  );
export type RangeQuery = z.infer<typeof rangeQuerySchema>;
