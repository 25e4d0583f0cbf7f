import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { TechDocsPrebuilder } from './TechDocsPrebuilder';

/**
 * With the local TechDocs builder, docs are otherwise built only when someone first opens them,
 * so search knows nothing of a model card nobody has read. This builds them on a schedule.
 */
export const techdocsModulePrebuild = createBackendModule({
  pluginId: 'techdocs',
  moduleId: 'prebuild',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
      },
      async init({ config, scheduler, auth, discovery, logger, catalog }) {
        if (config.getOptionalString('techdocs.builder') !== 'local') {
          logger.info('techdocs prebuild off: techdocs.builder is not local');
          return;
        }
        const prebuilder = TechDocsPrebuilder.create({
          auth,
          discovery,
          catalog,
          logger,
        });
        await scheduler.scheduleTask({
          id: 'techdocs-prebuild',
          // Before the search collator's first run. On a fresh database the catalog may still be
          // empty then; the next run picks the entities up. A run over unchanged docs only
          // compares their source, so running often is cheap.
          initialDelay: { seconds: 30 },
          frequency: { minutes: 2 },
          timeout: { minutes: 20 },
          scope: 'global',
          fn: async () => {
            await prebuilder.run();
          },
        });
      },
    });
  },
});
