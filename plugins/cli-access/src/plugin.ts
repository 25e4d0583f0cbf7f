import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { cliAccessApi, cliAccessPage } from './extensions';
import { cliAccessIcon } from './extensions/icon';
import { rootRouteRef } from './routes';

export const cliAccessPlugin = createFrontendPlugin({
  pluginId: 'cli-access',
  title: 'CLI access',
  icon: cliAccessIcon,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
  },
  extensions: [cliAccessApi, cliAccessPage],
});
