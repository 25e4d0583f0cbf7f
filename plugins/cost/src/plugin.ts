import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { costApi, costEntityCard, costPage } from './extensions';
import { costIcon } from './extensions/icon';
import { rootRouteRef } from './routes';

export const costPlugin = createFrontendPlugin({
  pluginId: 'cost',
  title: 'GPU cost',
  icon: costIcon,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
  },
  extensions: [costApi, costPage, costEntityCard],
});
