export { costApiRef } from './CostApi';
export type { CostApi, CostRange, CostRates } from './CostApi';
export { CostClient } from './CostClient';
