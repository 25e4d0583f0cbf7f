import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  deploymentHistoryAddon,
  deploymentsApi,
  deploymentsContent,
} from './extensions';

export const deploymentsPlugin = createFrontendPlugin({
  pluginId: 'deployments',
  title: 'Model deployments',
  info: { packageJson: () => import('../package.json') },
  extensions: [deploymentsApi, deploymentsContent, deploymentHistoryAddon],
});
