export { TeamSpendCard } from './TeamSpendCard';
export { NEAR_BUDGET_ALERT, TeamsNearBudgetCard } from './TeamsNearBudgetCard';
