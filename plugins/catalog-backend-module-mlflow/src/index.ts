/**
 * Catalog module: MLflow registered models as ml-model Components.
 *
 * @packageDocumentation
 */
export { catalogModuleMlflowModels as default } from './module';
export { MlflowModelProvider } from './MlflowModelProvider';
