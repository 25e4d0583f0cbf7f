export { deploymentsApiRef, type DeploymentsApi } from './DeploymentsApi';
export { DeploymentsClient } from './DeploymentsClient';
