import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { jobsApi, jobsEntityCard, jobsPage } from './extensions';
import { jobsIcon } from './extensions/icon';
import { rootRouteRef } from './routes';

export const jobsPlugin = createFrontendPlugin({
  pluginId: 'jobs',
  title: 'Training jobs',
  icon: jobsIcon,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
  },
  extensions: [jobsApi, jobsPage, jobsEntityCard],
});
