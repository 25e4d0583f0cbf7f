import { type RouteRef, useRouteRef } from '@backstage/frontend-plugin-api';

/**
 * Where a plugin's page is mounted, or undefined when the app has no such page (a card rendered
 * without it, e.g. in a test app): cards then leave out their link instead of failing.
 */
export function usePageHref(routeRef: RouteRef<undefined>): string | undefined {
  const link = useRouteRef(routeRef);
  try {
    return link?.();
  } catch {
    return undefined;
  }
}
