import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';
import { MlflowError, NotConfiguredError } from '../errors';
import { MlflowExperiments } from '../mlflow/MlflowExperiments';
import { dnsLabel, parseInput } from '../validation';
import { ActionDeps } from './deps';

const ID = 'mlp:mlflow:experiment';

const inputSchema = z
  .object({
    team: dnsLabel("Catalog Group name of the project's team"),
    project: dnsLabel('Project name'),
    server: z
      .string()
      .optional()
      .describe(
        'Name of the MLflow server in mlflow.servers (default: the first)',
      ),
  })
  .strict();

export function createMlflowExperimentAction(
  { access, settings }: ActionDeps,
  fetchImpl: typeof fetch = fetch,
) {
  return createTemplateAction({
    id: ID,
    description:
      'Creates the MLflow experiment <team>/<project> tagged with team and project; an existing experiment of that name is reused',
    supportsDryRun: true,
    examples: [
      {
        description: 'Experiment nlp-team/ticket-router',
        example: `steps:\n  - id: experiment\n    action: ${ID}\n    input:\n      team: nlp-team\n      project: ticket-router\n`,
      },
    ],
    schema: {
      input: () => inputSchema,
      output: {
        experimentId: zod =>
          zod.string().describe('MLflow experiment id (empty on a dry run)'),
        experimentName: zod =>
          zod.string().describe('Experiment name, <team>/<project>'),
        url: zod =>
          zod.string().describe('Link to the experiment in the MLflow UI'),
      },
    },
    async handler(ctx) {
      const input = parseInput(ID, inputSchema, ctx.input);
      await access.assertMayActForTeam(
        await ctx.getInitiatorCredentials(),
        input.team,
        ID,
      );
      const server = input.server
        ? settings.mlflowServers.find(s => s.name === input.server)
        : settings.mlflowServers[0];
      if (!server) {
        if (input.server) {
          throw new InputError(
            `${ID}: server: no MLflow server named '${
              input.server
            }' in mlflow.servers (known: ${
              settings.mlflowServers.map(s => s.name).join(', ') || 'none'
            })`,
          );
        }
        throw new NotConfiguredError(
          `${ID}: no MLflow server is configured; add one under mlflow.servers`,
        );
      }
      const name = `${input.team}/${input.project}`;
      ctx.output('experimentName', name);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create MLflow experiment ${name} on ${server.name}`,
        );
        ctx.output('experimentId', '');
        ctx.output('url', '');
        return;
      }
      const mlflow = new MlflowExperiments(server, fetchImpl);
      const id = await ctx.checkpoint({
        key: `mlp-mlflow-experiment-${server.name}-${name}`,
        fn: async () => {
          const existing = await mlflow.getByName(name);
          if (existing?.lifecycle_stage === 'deleted') {
            throw new MlflowError(
              `MLflow experiment ${name} exists but is deleted; restore it in MLflow (or purge it) and run again, or choose another project name`,
            );
          }
          if (existing) {
            ctx.logger.info(
              `MLflow experiment ${name} exists (id ${existing.experiment_id}); reusing it`,
            );
            return existing.experiment_id;
          }
          const created = await mlflow.create(name, {
            team: input.team,
            project: input.project,
          });
          ctx.logger.info(`MLflow experiment ${name} created (id ${created})`);
          return created;
        },
      });
      ctx.output('experimentId', id);
      ctx.output('url', mlflow.experimentUrl(id));
    },
  });
}
