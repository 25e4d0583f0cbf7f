/**
 * Model deployments in the portal: the `deployments` frontend plugin (default export, found by
 * the app's `app.packages: all`) with the Deployments tab of model pages, the model card's
 * deployment history addon and its API client.
 *
 * @packageDocumentation
 */
export { deploymentsPlugin as default } from './plugin';
export { deploymentsPlugin } from './plugin';
export {
  deploymentHistoryAddon,
  deploymentsApi,
  deploymentsContent,
} from './extensions';
export { DeploymentsClient, deploymentsApiRef } from './api';
export type { DeploymentsApi } from './api';
