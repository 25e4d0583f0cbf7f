/**
 * Pieces the portal's backend plugins share.
 *
 * @packageDocumentation
 */
export { csvField } from './csvField';
export { BadGatewayError, ServiceUnavailableError } from './errors';
export { readKeeperGroups } from './keepers';
export { parseInput } from './parseInput';
export { PluginRequests } from './PluginRequests';
export { refusalOf } from './refusalOf';
export { scheduleLoggedTask } from './scheduleLoggedTask';
export {
  assertPermitted,
  authorizedUser,
  isUserCredentials,
  permitted,
  TeamAccess,
} from './TeamAccess';
export { teamsIn } from './teamsIn';
