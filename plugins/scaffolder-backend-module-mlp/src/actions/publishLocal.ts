import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { z } from 'zod/v3';
import { LocalGitPublisher } from '../publish/LocalGitPublisher';
import { dnsLabel, parseInput } from '../validation';
import { ActionDeps } from './deps';

const ID = 'mlp:publish:local';

const inputSchema = z
  .object({
    team: dnsLabel('Catalog Group name of the team the repository belongs to'),
    repoName: dnsLabel('Repository name: the project name'),
    sourcePath: z
      .string()
      .optional()
      .describe('Folder of the workspace to publish (default: all of it)'),
  })
  .strict();

export function createPublishLocalAction({ access, settings }: ActionDeps) {
  return createTemplateAction({
    id: ID,
    description:
      'Publishes the workspace as a git repository in the local folder mlp.publish.localDirectory: the offline stand-in for publish:github / publish:gitlab. Re-publishing commits only what changed',
    supportsDryRun: true,
    examples: [
      {
        description: 'Publish the rendered project',
        example: `steps:\n  - id: publish\n    action: ${ID}\n    input:\n      team: nlp-team\n      repoName: ticket-router\n`,
      },
    ],
    schema: {
      input: () => inputSchema,
      output: {
        remoteUrl: zod =>
          zod.string().describe('file:// URL of the repository'),
        repoContentsUrl: zod => zod.string().describe('Same as remoteUrl'),
        localPath: zod =>
          zod.string().describe('Absolute path of the repository'),
        catalogInfoPath: zod =>
          zod.string().describe('Absolute path of its catalog-info.yaml'),
        commitHash: zod => zod.string().describe('Commit at the tip of main'),
      },
    },
    async handler(ctx) {
      const input = parseInput(ID, inputSchema, ctx.input);
      const credentials = await ctx.getInitiatorCredentials();
      await access.assertMayActForTeam(credentials, input.team, ID);
      const sourceDir = resolveSafeChildPath(
        ctx.workspacePath,
        input.sourcePath ?? '.',
      );
      const publisher = new LocalGitPublisher(settings.publishDirectory);
      const path = `${settings.publishDirectory}/${input.repoName}`;
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would publish ${sourceDir} to ${path}`);
        ctx.output('remoteUrl', `file://${path}`);
        ctx.output('repoContentsUrl', `file://${path}`);
        ctx.output('localPath', path);
        ctx.output('catalogInfoPath', `${path}/catalog-info.yaml`);
        ctx.output('commitHash', '');
        return;
      }
      const user = ctx.user?.ref ?? 'user:default/unknown';
      const userName = user.split('/').pop() ?? 'unknown';
      const result = await publisher.publish({
        name: input.repoName,
        sourceDir,
        author: { name: userName, email: `${userName}@users.noreply.mlp` },
        message: `${ctx.templateInfo?.entityRef ?? 'template'} run by ${user}`,
      });
      ctx.logger.info(
        result.changed
          ? `Published ${result.url} at ${result.commit.slice(0, 8)}`
          : `${result.url} already had this content (${result.commit.slice(
              0,
              8,
            )}); nothing committed`,
      );
      ctx.output('remoteUrl', result.url);
      ctx.output('repoContentsUrl', result.url);
      ctx.output('localPath', result.path);
      ctx.output('catalogInfoPath', `${result.path}/catalog-info.yaml`);
      ctx.output('commitHash', result.commit);
    },
  });
}
