import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../routes';
import { idleGpusIcon } from './icon';

/** The Idle GPUs page; notifications about idle jobs link here. */
export const idleGpusPage = PageBlueprint.make({
  params: {
    path: '/gpu-idle',
    title: 'Idle GPUs',
    icon: idleGpusIcon,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/IdleGpusPage').then(m => <m.IdleGpusPage />),
  },
});
