/**
 * MLflow in the portal: the MLflow tab, the model-registry card and the TechDocs addon that shows
 * the registry's facts on the model card.
 *
 * @packageDocumentation
 */
export { mlflowPlugin as default } from './plugin';
export { mlflowApiRef, type MlflowApi } from './api';
export { RecentRunsCard, TeamModelsCard } from './components/HomeCards';
