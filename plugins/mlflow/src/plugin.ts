import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { championCard, mlflowApi, mlflowContent } from './extensions';

export const mlflowPlugin = createFrontendPlugin({
  pluginId: 'mlflow',
  title: 'MLflow',
  info: { packageJson: () => import('../package.json') },
  extensions: [mlflowApi, mlflowContent, championCard],
});
