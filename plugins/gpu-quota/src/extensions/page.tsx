import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../routes';
import { gpuQuotaIcon } from './icon';

/**
 * The GPU quotas page. Its title and icon also make its sidebar item: the nav discovers items
 * from pages since NavItemBlueprint was removed from @backstage/frontend-plugin-api.
 */
export const gpuQuotaPage = PageBlueprint.make({
  params: {
    path: '/gpu-quotas',
    title: 'GPU quotas',
    icon: gpuQuotaIcon,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/GpuQuotasPage').then(m => <m.GpuQuotasPage />),
  },
});
