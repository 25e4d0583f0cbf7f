/**
 * The GPU cost plugin's budget check as a backend service.
 *
 * @packageDocumentation
 */
export {
  costBudgetServiceRef,
  DefaultCostBudgetService,
  type CostBudgetService,
} from './CostBudgetService';
