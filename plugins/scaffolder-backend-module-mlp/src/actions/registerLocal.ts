import { AuthService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod/v3';
import { NotConfiguredError } from '../errors';
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
    timeoutSeconds: z
      .number()
      .int()
      .min(1)
      .max(600)
      .default(120)
      .describe('How long to wait for the catalog to serve the entities'),
  })
  .strict();

async function entityRefsIn(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError(
      `${ID}: catalogInfoPath: ${file} does not exist; pass the catalogInfoPath output of mlp:publish:local`,
    );
  }
  return parseAllDocuments(text)
    .map(doc => doc.toJS())
    .filter(e => e?.kind && e?.metadata?.name)
    .map(e => stringifyEntityRef(e));
}

/**
 * Registers a locally published repository's catalog-info.yaml as a file location (the mlp
 * catalog module allows that type) and waits until the catalog serves its entities; a location
 * registered before is refreshed. Registers as the backend itself, so users need no right to add
 * arbitrary locations, and only files inside the publish folder are accepted. An entity of the
 * same name from another file (a team in catalog/org.yaml) stays as is.
 */
export function createRegisterLocalAction(
  { settings }: ActionDeps,
  catalog: CatalogService,
  auth: AuthService,
) {
  return createTemplateAction({
    id: ID,
    description:
      'Registers the catalog-info.yaml of a repository that mlp:publish:local published (offline publishing) and waits until the catalog serves it; refreshes it when registered before',
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
              'The first entity of the file, such as component:default/ticket-router (empty on a dry run)',
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
          `Dry run: would add ${input.catalogInfoPath} to the catalog`,
        );
        ctx.output('entityRef', '');
        return;
      }
      const refs = await entityRefsIn(input.catalogInfoPath);
      if (refs.length === 0) {
        throw new InputError(
          `${ID}: catalogInfoPath: ${input.catalogInfoPath} has no catalog entities`,
        );
      }
      ctx.output('entityRef', refs[0]);
      const credentials = await auth.getOwnServiceCredentials();
      const location = `file:${input.catalogInfoPath}`;
      for (const ref of refs) {
        const existing = await catalog.getEntityByRef(ref, { credentials });
        const from = existing?.metadata.annotations?.[ANNOTATION_LOCATION];
        if (existing && from !== location) {
          ctx.logger.info(
            `${ref} is already in the catalog from ${from}; that entry stays as it is`,
          );
          return;
        }
      }
      // A location registered before is refreshed instead of refused, so a re-run converges.
      await catalog.addLocation(
        { type: 'file', target: input.catalogInfoPath, onConflict: 'refresh' },
        { credentials },
      );
      const deadline = Date.now() + input.timeoutSeconds * 1000;
      for (const ref of refs) {
        while (!(await catalog.getEntityByRef(ref, { credentials }))) {
          if (Date.now() > deadline) {
            throw new NotConfiguredError(
              `${ref} did not appear in the catalog within ${
                input.timeoutSeconds
              } s; are ${refs.join(', ')} allowed by catalog.rules?`,
            );
          }
          await new Promise(resolve => setTimeout(resolve, 500));
        }
      }
      ctx.logger.info(`In the catalog: ${refs.join(', ')}`);
    },
  });
}
