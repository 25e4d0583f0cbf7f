import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  latestRunsCard,
  mlflowApi,
  mlflowContent,
  modelRegistryCard,
  registryDocsAddon,
  teamExperimentsContent,
} from './extensions';

export const mlflowPlugin = createFrontendPlugin({
  pluginId: 'mlflow',
  title: 'MLflow',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    mlflowApi,
    mlflowContent,
    teamExperimentsContent,
    modelRegistryCard,
    latestRunsCard,
    registryDocsAddon,
  ],
});
