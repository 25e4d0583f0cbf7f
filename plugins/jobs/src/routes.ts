import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Training jobs page; the team card links to it. */
export const rootRouteRef = createRouteRef();
