/**
 * The CLI access page: the `cli-access` frontend plugin (default export, found by the app's
 * `app.packages: all`), its API client and its extensions.
 *
 * @packageDocumentation
 */
export { cliAccessPlugin as default } from './plugin';
export { cliAccessPlugin } from './plugin';
export { cliAccessApi, cliAccessPage } from './extensions';
export { CliAccessClient, cliAccessApiRef } from './api';
export type { CliAccessApi } from './api';
