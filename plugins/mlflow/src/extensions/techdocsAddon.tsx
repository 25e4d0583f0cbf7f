import { TechDocsAddonLocations } from '@backstage/plugin-techdocs-react';
import { AddonBlueprint } from '@backstage/plugin-techdocs-react/alpha';
import { lazy, Suspense } from 'react';

const LazyRegistryDocsAddon = lazy(() =>
  import('../components/RegistryDocsAddon').then(m => ({
    default: m.RegistryDocsAddon,
  })),
);

/** Loads the addon's code only when a docs page renders it. */
function MlflowRegistryAddon() {
  return (
    <Suspense fallback={null}>
      <LazyRegistryDocsAddon />
    </Suspense>
  );
}

/**
 * addon:mlflow/registry: on a model's TechDocs, "From the MLflow registry (live)" right below
 * the title: champion and challenger with their key metrics, the same as the model-registry card.
 */
export const registryDocsAddon = AddonBlueprint.make({
  name: 'registry',
  params: {
    name: 'MlflowRegistry',
    location: TechDocsAddonLocations.Content,
    component: MlflowRegistryAddon,
  },
});
