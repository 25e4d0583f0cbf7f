import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import type { FilterPredicate } from '@backstage/filter-predicates';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  MLFLOW_EXPERIMENT_ANNOTATION,
  MLFLOW_MODEL_ANNOTATION,
} from '@internal/plugin-mlflow-common';
import { MlflowBackendClient, mlflowApiRef } from '../api';

export const mlflowApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: mlflowApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MlflowBackendClient({ discoveryApi, fetchApi }),
    }),
});

const hasExperiment = {
  [`metadata.annotations.${MLFLOW_EXPERIMENT_ANNOTATION}`]: { $exists: true },
};
const hasModel = {
  [`metadata.annotations.${MLFLOW_MODEL_ANNOTATION}`]: { $exists: true },
};

/** Entities that name an MLflow experiment or registered model. */
export const mlflowEntityFilter: FilterPredicate = {
  $any: [hasExperiment, hasModel],
};

export const mlflowContent = EntityContentBlueprint.make({
  params: {
    path: '/mlflow',
    title: 'MLflow',
    filter: mlflowEntityFilter,
    loader: () =>
      import('../components/MlflowContent').then(m => <m.MlflowContent />),
  },
});

/** entity-content:mlflow/experiments: a team's runs of all its experiments, with GPU time and cost. */
export const teamExperimentsContent = EntityContentBlueprint.make({
  name: 'experiments',
  params: {
    path: '/experiments',
    title: 'Experiments',
    filter: { kind: 'group', 'spec.type': 'team' },
    loader: () =>
      import('../components/TeamExperiments').then(m => <m.TeamExperiments />),
  },
});

/**
 * entity-card:mlflow/champion ("Model in the registry"): champion and challenger of the entity's
 * registered model. The id is the one the champion card had, so placements in app config stay.
 */
export const modelRegistryCard = EntityCardBlueprint.make({
  name: 'champion',
  params: {
    filter: hasModel,
    loader: () =>
      import('../components/ModelRegistryCard').then(m => (
        <m.ModelRegistryCard />
      )),
  },
});

/** entity-card:mlflow/latest-runs: the newest runs of the entity's experiment. */
export const latestRunsCard = EntityCardBlueprint.make({
  name: 'latest-runs',
  params: {
    filter: hasExperiment,
    loader: () =>
      import('../components/LatestRunsCard').then(m => <m.LatestRunsCard />),
  },
});

export { registryDocsAddon } from './techdocsAddon';
