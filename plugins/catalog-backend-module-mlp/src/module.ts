import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

/**
 * The catalog API registers only `url` locations by default. Offline publishing
 * (mlp:publish:local) writes git repositories to a local folder, which the catalog reads as
 * `file` locations (so a model card's `dir:.` TechDocs work as for catalog/). Registering a
 * location needs catalog.location.create, which the platform's policy gives platform keepers
 * only; the scaffolder action registers as the backend itself and only inside the publish folder.
 */
export const catalogModuleMlpFileLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mlp-file-locations',
  register(reg) {
    reg.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});
