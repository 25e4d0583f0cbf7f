import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../routes';
import { platformMetricsIcon } from './icon';

/** The Platform metrics page; its title and icon also make its sidebar item. */
export const platformMetricsPage = PageBlueprint.make({
  params: {
    path: '/platform-metrics',
    title: 'Platform metrics',
    icon: platformMetricsIcon,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/PlatformMetricsPage').then(m => (
        <m.PlatformMetricsPage />
      )),
  },
});
