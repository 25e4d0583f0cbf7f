import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { idleGpusPage, utilizationApi } from './extensions';
import { idleGpusIcon } from './extensions/icon';
import { rootRouteRef } from './routes';

export const utilizationPlugin = createFrontendPlugin({
  pluginId: 'utilization',
  title: 'Idle GPUs',
  icon: idleGpusIcon,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [utilizationApi, idleGpusPage],
});
