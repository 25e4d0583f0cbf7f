import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z } from 'zod/v3';
import { applyManaged } from '../kube/applyManaged';
import { namespaceManifest } from '../kube/manifests';
import { dnsLabel, parseInput } from '../validation';
import { ActionDeps, ADOPT_DESCRIPTION } from './deps';

const ID = 'mlp:k8s:namespace';

const inputSchema = z
  .object({
    name: dnsLabel('Namespace name (a DNS-1123 label, such as nlp-team)'),
    team: dnsLabel('Catalog Group name of the team that owns the namespace'),
    labels: z
      .record(z.string(), z.string())
      .optional()
      .describe('Extra labels'),
    adopt: z.boolean().optional().describe(ADOPT_DESCRIPTION),
  })
  .strict();

export function createNamespaceAction({ kube, access }: ActionDeps) {
  return createTemplateAction({
    id: ID,
    description:
      "Creates or updates a team's namespace, labelled and annotated with its catalog Group (server-side apply; idempotent)",
    supportsDryRun: true,
    examples: [
      {
        description: 'Namespace of the nlp-team',
        example: `steps:\n  - id: namespace\n    action: ${ID}\n    input:\n      name: nlp-team\n      team: nlp-team\n`,
      },
    ],
    schema: {
      input: () => inputSchema,
      output: {
        namespace: zod => zod.string().describe('The namespace'),
        result: zod =>
          zod
            .string()
            .describe('created, updated, unchanged or planned (dry run)'),
      },
    },
    async handler(ctx) {
      const input = parseInput(ID, inputSchema, ctx.input);
      await access.assertMayOnboard(await ctx.getInitiatorCredentials(), ID);
      const applied = await applyManaged(
        ctx,
        kube,
        namespaceManifest(input),
        input,
      );
      ctx.output('namespace', input.name);
      ctx.output('result', applied.result);
    },
  });
}
