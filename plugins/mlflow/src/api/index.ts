export * from './MlflowApi';
export { MlflowBackendClient } from './MlflowBackendClient';
