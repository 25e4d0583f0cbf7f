export { utilizationApiRef } from './UtilizationApi';
export type { UtilizationApi } from './UtilizationApi';
export { UtilizationClient } from './UtilizationClient';
