export { LATEST_RUNS, LatestRunsCard } from './LatestRunsCard';
