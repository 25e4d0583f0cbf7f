import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { isAbsolute, relative } from 'node:path';
import { z } from 'zod/v3';
import { parseInput } from '../validation';
import { ActionDeps } from './deps';

const ID = 'mlp:catalog:register-local';

const inputSchema = z
  .object({
    catalogInfoPath: z
      .string({ required_error: 'is required' })
      .describe(
        'Absolute path of a catalog-info.yaml that mlp:publish:local published',
      ),
  })
  .strict();

/**
 * Registers a locally published repository's catalog-info.yaml with the catalog (a file
 * location), or refreshes its entities when it is registered already. Registers as the
 * scaffolder itself: users do not get the general right to add catalog locations, and only files
 * inside the publish folder are accepted.
 */
export function createRegisterLocalAction(
  { settings }: ActionDeps,
  catalog: CatalogService,
  auth: AuthService,
) {
  return createTemplateAction({
    id: ID,
    description:
      'Registers a catalog-info.yaml published by mlp:publish:local in the catalog, or refreshes it when already registered',
    supportsDryRun: true,
    examples: [
      {
        description: 'Register what the publish step wrote',
        example: `steps:\n  - id: register\n    action: ${ID}\n    input:\n      catalogInfoPath: \${{ steps.publish.output.catalogInfoPath }}\n`,
      },
    ],
    schema: {
      input: () => inputSchema,
      output: {
        entityRef: zod =>
          zod
            .string()
            .describe(
              'The first entity of the file, such as component:default/ticket-router',
            ),
      },
    },
    async handler(ctx) {
      const input = parseInput(ID, inputSchema, ctx.input);
      const inside = relative(settings.publishDirectory, input.catalogInfoPath);
      if (
        !isAbsolute(input.catalogInfoPath) ||
        inside.startsWith('..') ||
        isAbsolute(inside)
      ) {
        throw new InputError(
          `${ID}: catalogInfoPath: '${input.catalogInfoPath}' is not inside the publish folder ${settings.publishDirectory}; pass the catalogInfoPath output of mlp:publish:local`,
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would register ${input.catalogInfoPath} in the catalog`,
        );
        ctx.output('entityRef', '');
        return;
      }
      const location = { type: 'file', target: input.catalogInfoPath };
      const credentials = await auth.getOwnServiceCredentials();
      const result = await catalog.addLocation(
        { ...location, dryRun: true },
        { credentials },
      );
      const refs = result.entities.map(e => stringifyEntityRef(e));
      if (refs.length === 0) {
        throw new InputError(
          `${ID}: ${input.catalogInfoPath} has no catalog entities`,
        );
      }
      ctx.output('entityRef', refs[0]);
      // An existing location is marked for refresh instead of refused, so a re-run converges.
      await catalog.addLocation(
        { ...location, onConflict: 'refresh' },
        { credentials },
      );
      ctx.logger.info(
        `${result.exists ? 'Refreshed' : 'Registered'} ${refs.join(', ')}`,
      );
    },
  });
}
