/**
 * Coder workspaces in the portal: the `coder` frontend plugin (default export, found by the
 * app's `app.packages: all`) with its "Coder workspaces" entity card and API client.
 *
 * @packageDocumentation
 */
export { coderPlugin as default } from './plugin';
export { coderPlugin } from './plugin';
export { coderApi, coderEntityFilter, coderWorkspacesCard } from './extensions';
export { CoderBackendClient, coderApiRef } from './api';
export type { CoderApi, WorkspacesFilter } from './api';
export { MyWorkspacesCard } from './components/MyWorkspacesCard';
