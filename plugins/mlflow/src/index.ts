/**
 * MLflow in the portal: the MLflow tab and the champion model card.
 *
 * @packageDocumentation
 */
export { mlflowPlugin as default } from './plugin';
export { mlflowApiRef, type MlflowApi } from './api';
