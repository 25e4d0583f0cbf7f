export { TeamJobsCard } from './TeamJobsCard';
