import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { TechDocsAddonLocations } from '@backstage/plugin-techdocs-react';
import { AddonBlueprint } from '@backstage/plugin-techdocs-react/alpha';
import { MLFLOW_MODEL_ANNOTATION } from '@internal/plugin-mlflow-common';
import { lazy, Suspense } from 'react';
import { DeploymentsClient, deploymentsApiRef } from '../api';

export const deploymentsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: deploymentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DeploymentsClient({ discoveryApi, fetchApi }),
    }),
});

/** entity-content:deployments: a model's endpoints, deploys, approvals, lineage and history. */
export const deploymentsContent = EntityContentBlueprint.make({
  params: {
    path: '/deployments',
    title: 'Deployments',
    filter: {
      kind: 'component',
      'spec.type': 'ml-model',
      [`metadata.annotations.${MLFLOW_MODEL_ANNOTATION}`]: { $exists: true },
    },
    loader: () =>
      import('../components/DeploymentsContent').then(m => (
        <m.DeploymentsContent />
      )),
  },
});

const LazyHistoryAddon = lazy(() =>
  import('../components/DeploymentHistoryAddon').then(m => ({
    default: m.DeploymentHistoryAddon,
  })),
);

/** addon:deployments/history: the model card's Deployment history from the portal's records. */
export const deploymentHistoryAddon = AddonBlueprint.make({
  name: 'history',
  params: {
    name: 'DeploymentHistory',
    location: TechDocsAddonLocations.Content,
    component: () => (
      <Suspense fallback={null}>
        <LazyHistoryAddon />
      </Suspense>
    ),
  },
});
