import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z } from 'zod/v3';
import { applyManaged } from '../kube/applyManaged';
import { volcanoQueueManifest } from '../kube/manifests';
import { dnsLabel, gpuCount, parseInput } from '../validation';
import { ActionDeps, ADOPT_DESCRIPTION } from './deps';

const ID = 'mlp:k8s:queue';

export function createQueueAction({ kube, access, settings }: ActionDeps) {
  const inputSchema = z
    .object({
      team: dnsLabel('Catalog Group name of the team; also the queue name'),
      weight: z
        .number({ invalid_type_error: 'must be a whole number' })
        .superRefine((value, ctx) => {
          if (!Number.isInteger(value) || value < 1 || value > 1000) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              message: `must be a whole number from 1 to 1000 (got ${value}); teams share idle GPUs in proportion to it`,
            });
          }
        })
        .describe(
          'Fair-share weight: teams share idle GPUs in proportion to it',
        ),
      gpus: gpuCount(
        'GPUs the queue may hold at most',
        0,
        settings.maxGpusPerTeam,
        'mlp.gpu.maxPerTeam',
      ),
      adopt: z.boolean().optional().describe(ADOPT_DESCRIPTION),
    })
    .strict();
  return createTemplateAction({
    id: ID,
    description:
      "Creates the team's fair-share scheduler queue (a Volcano Queue when mlp.scheduler.queue is volcano; does nothing when it is none, the default)",
    supportsDryRun: true,
    examples: [
      {
        description: 'A queue with weight 2 capped at 8 GPUs',
        example: `steps:\n  - id: queue\n    action: ${ID}\n    input:\n      team: nlp-team\n      weight: 2\n      gpus: 8\n`,
      },
    ],
    schema: {
      input: () => inputSchema,
      output: {
        queueName: zod =>
          zod
            .string()
            .describe(
              'Name of the queue, empty when no scheduler is configured',
            ),
        result: zod =>
          zod
            .string()
            .describe('created, updated, unchanged, planned or skipped'),
      },
    },
    async handler(ctx) {
      const input = parseInput(ID, inputSchema, ctx.input);
      await access.assertMayOnboard(await ctx.getInitiatorCredentials(), ID);
      if (settings.queue === 'none') {
        ctx.logger.info(
          'No fair-share scheduler is configured (mlp.scheduler.queue: none); no queue created',
        );
        ctx.output('queueName', '');
        ctx.output('result', 'skipped');
        return;
      }
      const applied = await applyManaged(
        ctx,
        kube,
        volcanoQueueManifest(input),
        input,
      );
      ctx.output('queueName', input.team);
      ctx.output('result', applied.result);
    },
  });
}
