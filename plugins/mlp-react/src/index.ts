/**
 * React pieces shared by the portal's frontend plugins.
 *
 * @packageDocumentation
 */
export { errorMessage } from './errorMessage';
export { ActionError, ErrorState } from './states';
