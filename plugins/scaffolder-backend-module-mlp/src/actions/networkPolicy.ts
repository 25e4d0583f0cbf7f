import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z } from 'zod/v3';
import { applyManaged } from '../kube/applyManaged';
import { NETWORK_POLICY_NAME, networkPolicyManifest } from '../kube/manifests';
import { dnsLabel, parseInput } from '../validation';
import { ActionDeps, ADOPT_DESCRIPTION } from './deps';
import { requireNamespace } from './requireNamespace';

const ID = 'mlp:k8s:network-policy';

const inputSchema = z
  .object({
    namespace: dnsLabel("The team's namespace"),
    team: dnsLabel('Catalog Group name of the team'),
    adopt: z.boolean().optional().describe(ADOPT_DESCRIPTION),
  })
  .strict();

export function createNetworkPolicyAction({ kube, access }: ActionDeps) {
  return createTemplateAction({
    id: ID,
    description: `Isolates a team's namespace: NetworkPolicy ${NETWORK_POLICY_NAME} lets its pods talk to each other and to cluster DNS (port 53), and nothing else in or out`,
    supportsDryRun: true,
    examples: [
      {
        description: 'Isolate the nlp-team namespace',
        example: `steps:\n  - id: isolate\n    action: ${ID}\n    input:\n      namespace: nlp-team\n      team: nlp-team\n`,
      },
    ],
    schema: {
      input: () => inputSchema,
      output: {
        networkPolicyName: zod =>
          zod.string().describe('Name of the NetworkPolicy'),
        result: zod =>
          zod.string().describe('created, updated, unchanged or planned'),
      },
    },
    async handler(ctx) {
      const input = parseInput(ID, inputSchema, ctx.input);
      await access.assertMayOnboard(await ctx.getInitiatorCredentials(), ID);
      await requireNamespace(kube, ctx.isDryRun, input.namespace, ID);
      const applied = await applyManaged(
        ctx,
        kube,
        networkPolicyManifest(input),
        input,
      );
      ctx.output('networkPolicyName', NETWORK_POLICY_NAME);
      ctx.output('result', applied.result);
    },
  });
}
