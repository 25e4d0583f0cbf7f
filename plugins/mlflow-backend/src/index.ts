/**
 * The MLflow backend plugin: a typed client of MLflow's REST API and the portal's /api/mlflow.
 *
 * @packageDocumentation
 */
export { mlflowPlugin as default } from './plugin';
export { MlflowClient } from './client/MlflowClient';
export { readMlflowServers, type MlflowServer } from './client/config';
