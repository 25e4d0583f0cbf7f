import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { platformMetricsApi, platformMetricsPage } from './extensions';
import { platformMetricsIcon } from './extensions/icon';
import { rootRouteRef } from './routes';

export const platformMetricsPlugin = createFrontendPlugin({
  pluginId: 'platform-metrics',
  title: 'Platform metrics',
  icon: platformMetricsIcon,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
  },
  extensions: [platformMetricsApi, platformMetricsPage],
});
