import { z } from 'zod';

const serverName = z
  .string()
  .regex(/^[\w.-]{1,63}$/, 'must be the name of a server in mlflow.servers')
  .optional();

/** Query of GET /runs: one page of an experiment's runs. */
export const runsQuerySchema = z
  .object({
    server: serverName,
    experiment: z
      .string()
      .min(1, 'experiment: the MLflow experiment name is required')
      .max(500),
    /** MLflow's own search syntax, passed through, e.g. `metrics.val_loss < 0.1`. */
    filter: z.string().max(2000, 'filter: at most 2000 characters').optional(),
    /** e.g. `metrics.val_loss ASC`; repeat for several. */
    orderBy: z
      .union([z.string(), z.array(z.string())])
      .transform(v => (Array.isArray(v) ? v : [v]))
      .pipe(
        z
          .array(
            z
              .string()
              .regex(
                /^(attributes|metrics|params|tags)\.[`"\w .:/-]+( (ASC|DESC))?$/i,
                'orderBy: a column and direction, such as metrics.val_loss ASC or attributes.start_time DESC',
              ),
          )
          .max(5),
      )
      .optional(),
    pageSize: z.coerce
      .number()
      .int()
      .min(1, 'pageSize: 1 to 200')
      .max(200, 'pageSize: 1 to 200')
      .default(25),
    pageToken: z.string().max(2000).optional(),
  })
  .strict();
export type RunsQuery = z.infer<typeof runsQuerySchema>;

export const serverQuerySchema = z.object({ server: serverName }).strict();

export const RUN_STATUSES = [
  'RUNNING',
  'SCHEDULED',
  'FINISHED',
  'FAILED',
  'KILLED',
] as const;

/** GET /teams/:team/runs: the runs of all of a team's experiments, newest first. */
export const teamRunsQuerySchema = z
  .object({
    server: serverName,
    status: z
      .enum(RUN_STATUSES, {
        error: `status: one of ${RUN_STATUSES.join(', ')}`,
      })
      .optional(),
    /** A run tag and its value, `key=value`, e.g. `framework=sklearn`. */
    tag: z
      .string()
      .regex(
        /^[\w./-]{1,250}=[^'\\]{0,500}$/,
        'tag: write it as key=value, e.g. framework=sklearn (no quote or backslash in the value)',
      )
      .transform(t => {
        const at = t.indexOf('=');
        return { key: t.slice(0, at), value: t.slice(at + 1) };
      })
      .optional(),
  })
  .strict();

export type TeamRunsQuery = z.infer<typeof teamRunsQuerySchema>;
