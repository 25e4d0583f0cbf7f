import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../routes';
import { jobsIcon } from './icon';

/**
 * The Training jobs page. Its title and icon also make its sidebar item: the nav discovers items
 * from pages since NavItemBlueprint was removed from @backstage/frontend-plugin-api.
 */
export const jobsPage = PageBlueprint.make({
  params: {
    path: '/jobs',
    title: 'Training jobs',
    icon: jobsIcon,
    routeRef: rootRouteRef,
    loader: () => import('../components/JobsPage').then(m => <m.JobsPage />),
  },
});
