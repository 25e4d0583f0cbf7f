import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../routes';
import { costIcon } from './icon';

/**
 * The GPU cost page. Its title and icon also make its sidebar item: the nav discovers items
 * from pages since NavItemBlueprint was removed from @backstage/frontend-plugin-api.
 */
export const costPage = PageBlueprint.make({
  params: {
    path: '/cost',
    title: 'GPU cost',
    icon: costIcon,
    routeRef: rootRouteRef,
    loader: () => import('../components/CostPage').then(m => <m.CostPage />),
  },
});
