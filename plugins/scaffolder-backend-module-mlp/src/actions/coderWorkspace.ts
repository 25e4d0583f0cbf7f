import { CustomErrorBase, InputError, ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { CoderWorkspacesService } from '@internal/plugin-coder-node';
import { z } from 'zod/v3';
import { dnsLabel, gpuCount, parseInput } from '../validation';
import { ActionDeps } from './deps';

const ID = 'mlp:coder:workspace';

/** The Coder workspaces plugin refused (quota, budget, a taken name, not connected...). */
export class CoderWorkspaceRefusedError extends CustomErrorBase {
  name = 'CoderWorkspaceRefusedError' as const;
}

export function createCoderWorkspaceAction(
  { access, settings }: ActionDeps,
  coder: CoderWorkspacesService,
) {
  const inputSchema = z
    .object({
      name: z
        .string()
        .max(32, 'name: at most 32 characters (Coder’s limit)')
        .regex(
          /^[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$/,
          'name: letters, digits and single hyphens, e.g. churn-dev',
        )
        .describe('Name of the workspace in Coder'),
      template: z
        .string()
        .min(1, 'template: name a Coder template')
        .describe('Coder template with a GPU count (and repository) parameter'),
      team: dnsLabel('Team whose GPU quota and budget the workspace uses'),
      gpus: gpuCount(
        'GPUs of the workspace',
        0,
        settings.maxGpusPerJob,
        'mlp.gpu.maxPerJob',
      ),
      repoUrl: z
        .string()
        .url('repoUrl: must be the repository URL')
        .optional()
        .describe('Repository the workspace clones'),
    })
    .strict();
  return createTemplateAction({
    id: ID,
    description:
      "Creates a Coder workspace for the user running the template, with their own Coder token, after the same GPU quota and budget checks as the portal's Coder card. Re-running it finds the workspace it made instead of making another",
    supportsDryRun: true,
    examples: [
      {
        description: 'A 1-GPU workspace for the new project',
        example: `steps:\n  - id: workspace\n    action: ${ID}\n    input:\n      name: churn-dev\n      template: gpu-pytorch\n      team: nlp-team\n      gpus: 1\n      repoUrl: https://github.com/acme/churn\n`,
      },
    ],
    schema: {
      input: () => inputSchema,
      output: {
        workspaceId: zod => zod.string().optional(),
        dashboardUrl: zod =>
          zod.string().optional().describe('The workspace in Coder'),
        vscodeUrl: zod =>
          zod.string().optional().describe('Opens it in VS Code'),
      },
    },
    async handler(ctx) {
      const input = parseInput(ID, inputSchema, ctx.input);
      const credentials = await ctx.getInitiatorCredentials();
      await access.assertMayActForTeam(credentials, input.team, ID);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create Coder workspace ${input.name} from ${input.template} with ${input.gpus} GPU(s) for ${input.team}`,
        );
        return;
      }
      const workspace = await ctx.checkpoint({
        key: `coder-workspace-${input.name}`,
        fn: async () => {
          try {
            const existing = await coder.list(
              { template: input.template },
              { credentials },
            );
            const same =
              existing.status === 'ok'
                ? existing.workspaces.find(w => w.name === input.name)
                : undefined;
            if (same) {
              ctx.logger.info(
                `Coder workspace ${input.name} exists already (${same.state}); keeping it`,
              );
              return same;
            }
            const created = await coder.create(input, { credentials });
            ctx.logger.info(
              `Coder workspace ${input.name} is being created (${
                created.workspace.state
              })${
                created.reservation
                  ? `; ${created.reservation.estimate} ${created.reservation.currency} reserved from ${input.team}'s budget`
                  : ''
              }`,
            );
            return created.workspace;
          } catch (error) {
            throw refusal(error);
          }
        },
      });
      ctx.output('workspaceId', workspace.id);
      ctx.output('dashboardUrl', workspace.links.dashboard);
      ctx.output('vscodeUrl', workspace.links.vscode);
    },
  });
}

function refusal(error: unknown): Error {
  if (!(error instanceof ResponseError)) {
    return new Error(
      `${ID}: the Coder workspaces backend did not answer (${String(
        error,
      )}); no workspace was created`,
    );
  }
  const message = `${ID}: ${error.body.error.message}`;
  if (error.statusCode === 400) return new InputError(message);
  if (error.statusCode === 401) {
    return new CoderWorkspaceRefusedError(
      `${message}. Open any ML project in the portal, connect Coder in its "Coder workspaces" card, then run the template again`,
    );
  }
  return new CoderWorkspaceRefusedError(message);
}
