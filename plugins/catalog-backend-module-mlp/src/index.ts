/**
 * Catalog module of the ML platform: lets the catalog register `file` locations, which the
 * mlp:catalog:register-local scaffolder action uses for projects published offline.
 *
 * @packageDocumentation
 */
export { catalogModuleMlpFileLocations as default } from './module';
