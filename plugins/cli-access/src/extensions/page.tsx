import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../routes';
import { cliAccessIcon } from './icon';

/** The CLI access page; its title and icon also make its sidebar item. */
export const cliAccessPage = PageBlueprint.make({
  params: {
    path: '/cli-access',
    title: 'CLI access',
    icon: cliAccessIcon,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/CliAccessPage').then(m => <m.CliAccessPage />),
  },
});
