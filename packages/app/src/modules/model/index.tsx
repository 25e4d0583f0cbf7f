import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** ML models: components of spec.type ml-model. */
export const mlModelFilter = { kind: 'component', 'spec.type': 'ml-model' };

const servingCard = EntityCardBlueprint.make({
  name: 'serving',
  params: {
    filter: mlModelFilter,
    loader: () => import('./ServingCard').then(m => <m.ServingCard />),
  },
});

/** The model page's own cards; app-config.yaml orders the overview so the model comes first. */
export const modelModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [servingCard],
});
