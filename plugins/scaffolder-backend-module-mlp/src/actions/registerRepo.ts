import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z } from 'zod/v3';
import { dnsLabel, parseInput } from '../validation';
import { ActionDeps } from './deps';

const ID = 'mlp:catalog:register-repo';
const PROJECT_KINDS = ['Component', 'API', 'Resource'];

const inputSchema = z
  .object({
    team: dnsLabel("Catalog Group name of the project's team"),
    repoContentsUrl: z
      .string({ required_error: 'is required' })
      .superRefine((value, ctx) => {
        if (!/^https?:\/\/\S+$/.test(value)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `'${value}' is not an http(s) URL; pass the repoContentsUrl output of publish:github or publish:gitlab`,
          });
        }
      })
      .describe(
        'Where the repository contents are browsable (publish:github / publish:gitlab output)',
      ),
    catalogInfoPath: z
      .string()
      .default('/catalog-info.yaml')
      .describe('Path of the catalog file in the repository'),
  })
  .strict();

/**
 * Registers the catalog file of a repository a template just published to a git host. Members of
 * the project's team may do this for their project without the general right to add catalog
 * locations (catalog.location.create, platform keepers only): the backend registers it.
 */
export function createRegisterRepoAction(
  { access }: ActionDeps,
  catalog: CatalogService,
  auth: AuthService,
) {
  return createTemplateAction({
    id: ID,
    description:
      "Registers a freshly published repository's catalog-info.yaml (a url location) for a member of the project's team; refreshes it when registered before",
    supportsDryRun: true,
    examples: [
      {
        description: 'After publish:github',
        example: `steps:\n  - id: register\n    action: ${ID}\n    input:\n      team: nlp-team\n      repoContentsUrl: \${{ steps.publish.output.repoContentsUrl }}\n`,
      },
    ],
    schema: {
      input: () => inputSchema,
      output: {
        entityRef: zod =>
          zod
            .string()
            .describe('The first entity of the file (empty on a dry run)'),
      },
    },
    async handler(ctx) {
      const input = parseInput(ID, inputSchema, ctx.input);
      await access.assertMayActForTeam(
        await ctx.getInitiatorCredentials(),
        input.team,
        ID,
      );
      const target = `${input.repoContentsUrl.replace(
        /\/$/,
        '',
      )}/${input.catalogInfoPath.replace(/^\//, '')}`;
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would register ${target}`);
        ctx.output('entityRef', '');
        return;
      }
      const credentials = await auth.getOwnServiceCredentials();
      const preview = await catalog.addLocation(
        { type: 'url', target, dryRun: true },
        { credentials },
      );
      // The preview lists the Location entity of the registration itself, then the file's entities.
      const entities = preview.entities.filter(
        e =>
          !(
            e.kind === 'Location' &&
            (e.spec as { target?: string } | undefined)?.target === target
          ),
      );
      const refs = entities.map(e => stringifyEntityRef(e));
      if (refs.length === 0) {
        throw new InputError(
          `${ID}: repoContentsUrl: ${target} has no catalog entities`,
        );
      }
      // Registered as the backend, so only what a project may hold: its team's components,
      // APIs and resources, never users or groups.
      const owner = `group:default/${input.team}`;
      const foreign = entities.filter(
        e =>
          !PROJECT_KINDS.includes(e.kind) ||
          (e.spec as { owner?: string } | undefined)?.owner !== owner,
      );
      if (foreign.length > 0) {
        throw new InputError(
          `${ID}: repoContentsUrl: ${target} holds ${foreign
            .map(e => stringifyEntityRef(e))
            .join(', ')}, which a project of ${
            input.team
          } may not register (only ${PROJECT_KINDS.join(
            ', ',
          )} owned by ${owner})`,
        );
      }
      await catalog.addLocation(
        { type: 'url', target, onConflict: 'refresh' },
        { credentials },
      );
      ctx.logger.info(`Registered ${target}: ${refs.join(', ')}`);
      ctx.output('entityRef', refs[0]);
    },
  });
}
