/**
 * The portal's typed client of Coder's REST API v2, its settings, and the Coder workspaces
 * plugin as a backend service for other plugins.
 *
 * @packageDocumentation
 */
export { CoderClient } from './CoderClient';
export { readCoderSettings, type CoderSettings } from './config';
export {
  coderWorkspacesServiceRef,
  DefaultCoderWorkspacesService,
  type CoderWorkspacesService,
} from './CoderWorkspacesService';
export * from './errors';
export * from './types';
