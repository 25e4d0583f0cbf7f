export { MyTeamGpusCard } from './MyTeamGpusCard';
export { PendingApprovalsCard } from './PendingApprovalsCard';
export { NEAR_QUOTA, TeamsNearQuotaCard } from './TeamsNearQuotaCard';
