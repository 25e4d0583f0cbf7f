/**
 * GPU cost in the portal: the `cost` frontend plugin (default export, found by the app's
 * `app.packages: all`), its API client and its extensions.
 *
 * @packageDocumentation
 */
export { costPlugin as default } from './plugin';
export { costPlugin } from './plugin';
export {
  costApi,
  costEntityCard,
  costEntityFilter,
  costPage,
} from './extensions';
export { CostClient, costApiRef } from './api';
export type { CostApi, CostRange, CostRates } from './api';
export { TeamSpendCard, TeamsNearBudgetCard } from './components/HomeCards';
