/**
 * The MLflow backend plugin: the portal's /api/mlflow.
 *
 * @packageDocumentation
 */
export { mlflowPlugin as default } from './plugin';
