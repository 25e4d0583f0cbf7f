/**
 * Scaffolder actions of the ML platform (ids under mlp:): team onboarding and ML project
 * bootstrap through the Kubernetes API, MLflow and the catalog.
 *
 * @packageDocumentation
 */
export { scaffolderModuleMlp as default } from './module';
export { mlpTeamOnboardPermission } from '@internal/plugin-mlp-common';
