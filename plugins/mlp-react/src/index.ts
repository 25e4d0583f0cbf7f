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
export {
  entityPagePath,
  teamOfEntity,
  teamPagePath,
  type EntityTeam,
} from './teamOfEntity';
export { useSlotAfterSection, useSlotAfterTitle } from './docsSlots';
export { Figures } from './Figures';
export { formatMoney } from './money';
export { useReadableTables } from './readableTables';
export { responseStatus } from './responseStatus';
export { userName } from './userName';
export { formatAgo, formatDateTime, formatDuration } from './time';
export { usePageHref } from './usePageHref';
export { useTeams, type Teams } from './useTeams';
export {
  formatPercent,
  utilizationFigures,
  UtilizationLine,
  UtilizationNote,
  utilizationSentence,
} from './utilization';
export { usePageVisible } from './usePageVisible';
export {
  afterLoad,
  HomeCard,
  LoadedContent,
  type HomeCardLink,
  type LoadState,
} from './HomeCard';
