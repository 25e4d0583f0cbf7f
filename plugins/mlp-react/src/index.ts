/**
 * React pieces shared by the portal's frontend plugins.
 *
 * @packageDocumentation
 */
export { BackendRequests } from './BackendRequests';
export { DownloadButton } from './DownloadButton';
export { errorMessage, isClusterStarting } from './errorMessage';
export { LevelBar } from './LevelBar';
export { ActionError, CLUSTER_STARTING_RETRY_MS, ErrorState } from './states';
export { teamOfEntity, teamPagePath, type EntityTeam } from './teamOfEntity';
export { formatMoney } from './money';
export { responseStatus } from './responseStatus';
export { formatAgo, formatDateTime } from './time';
export { usePageVisible } from './usePageVisible';
export {
  HomeCard,
  LoadedContent,
  type HomeCardLink,
  type LoadState,
} from './HomeCard';
