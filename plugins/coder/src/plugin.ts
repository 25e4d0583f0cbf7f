import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { coderApi, coderWorkspacesCard } from './extensions';

export const coderPlugin = createFrontendPlugin({
  pluginId: 'coder',
  title: 'Coder workspaces',
  info: { packageJson: () => import('../package.json') },
  extensions: [coderApi, coderWorkspacesCard],
});
