import { CustomErrorBase, InputError, ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { GpuAdmission } from '@internal/plugin-mlp-admission-node';
import { GPU_RESOURCE } from '../kube/manifests';
import { z } from 'zod/v3';
import { dnsLabel, gpuCount, parseInput } from '../validation';
import { ActionDeps } from './deps';

const ID = 'mlp:cost:check';
/** Longest job a budget check estimates (the cost API's own bound): a month. */
const MAX_HOURS = 24 * 31;

/** The team's budget cannot hold the job; the message has the figures. */
export class BudgetExceededError extends CustomErrorBase {
  name = 'BudgetExceededError' as const;
}

export function createCostCheckAction(
  { access, settings }: ActionDeps,
  admission: Pick<GpuAdmission, 'reserve'>,
) {
  const inputSchema = z
    .object({
      team: dnsLabel('Catalog Group name of the team whose budget pays'),
      gpusPerJob: gpuCount(
        'GPUs one training job requests',
        0,
        settings.maxGpusPerJob,
        'mlp.gpu.maxPerJob',
      ),
      runtimeHours: z
        .number({
          invalid_type_error: 'runtimeHours: must be a number of hours',
        })
        .positive('runtimeHours: must be more than 0')
        .max(MAX_HOURS, `runtimeHours: must be at most ${MAX_HOURS} (a month)`)
        .describe('Longest run of one job, in hours'),
      reference: z
        .string()
        .max(200)
        .optional()
        .describe('What the reservation is for, e.g. the project name'),
    })
    .strict();
  return createTemplateAction({
    id: ID,
    description:
      "Checks a job (GPUs × hours × the GPU type's rate) against the team's budget for this month and reserves its estimated cost, so concurrent jobs cannot overspend. Refuses, with the figures, when the budget cannot hold it",
    supportsDryRun: true,
    examples: [
      {
        description: 'Can the nlp-team afford a 2-GPU job of up to 24 hours?',
        example: `steps:\n  - id: budget\n    action: ${ID}\n    input:\n      team: nlp-team\n      gpusPerJob: 2\n      runtimeHours: 24\n`,
      },
    ],
    schema: {
      input: () => inputSchema,
      output: {
        reservationId: zod =>
          zod.string().optional().describe('Label the job pods with it'),
        estimate: zod => zod.number().describe('Estimated cost of one job'),
      },
    },
    async handler(ctx) {
      const input = parseInput(ID, inputSchema, ctx.input);
      const credentials = await ctx.getInitiatorCredentials();
      await access.assertMayActForTeam(credentials, input.team, ID);
      if (input.gpusPerJob === 0) {
        ctx.logger.info('CPU-only jobs: no GPU budget to check');
        ctx.output('estimate', 0);
        return;
      }
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: ${input.team}'s budget is not checked and nothing is reserved`,
        );
        ctx.output('estimate', 0);
        return;
      }
      let result;
      try {
        result = await admission.reserve(
          {
            team: input.team,
            resource: GPU_RESOURCE,
            gpus: input.gpusPerJob,
            hours: input.runtimeHours,
            reference: input.reference,
          },
          credentials,
        );
      } catch (error) {
        if (error instanceof ResponseError) {
          const message = `${ID}: ${error.body.error.message}`;
          if (error.statusCode === 409) throw new BudgetExceededError(message);
          if (error.statusCode === 400) throw new InputError(message);
          throw new Error(message);
        }
        throw new Error(
          `${ID}: the cost backend did not answer (${String(
            error,
          )}); nothing was reserved`,
        );
      }
      const { reservation, status } = result;
      ctx.logger.info(
        status.budget === undefined
          ? `${input.team} has no budget for ${status.month}: a job costs about ${reservation.estimate} ${reservation.currency}`
          : `${input.team}: a job costs about ${reservation.estimate} ${reservation.currency}; ${status.remaining} ${status.currency} of the ${status.budget} ${status.currency} budget for ${status.month} remain (reservation ${reservation.id})`,
      );
      ctx.output('reservationId', reservation.id);
      ctx.output('estimate', reservation.estimate);
    },
  });
}
