export { RecentRunsCard } from './RecentRunsCard';
export { TeamModelsCard } from './TeamModelsCard';
