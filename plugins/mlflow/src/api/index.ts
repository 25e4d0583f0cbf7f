export * from './MlflowApi';
export { MlflowClient } from './MlflowClient';
