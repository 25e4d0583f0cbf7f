/**
 * The portal's access to MLflow: a typed REST client with one request path, and the checked
 * `mlflow.servers` settings.
 *
 * @packageDocumentation
 */
export * from './MlflowClient';
export { readMlflowServers, type MlflowServer } from './config';
