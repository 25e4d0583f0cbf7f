import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { gpuQuotaApi, gpuQuotaEntityCard, gpuQuotaPage } from './extensions';
import { gpuQuotaIcon } from './extensions/icon';
import { rootRouteRef } from './routes';

export const gpuQuotaPlugin = createFrontendPlugin({
  pluginId: 'gpu-quota',
  title: 'GPU quotas',
  icon: gpuQuotaIcon,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
  },
  extensions: [gpuQuotaApi, gpuQuotaPage, gpuQuotaEntityCard],
});
