import { useRouteRef } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../../routes';

/** The GPU cost page, when the app has it. */
export function useCostPage(): string | undefined {
  const link = useRouteRef(rootRouteRef);
  try {
    return link?.();
  } catch {
    return undefined;
  }
}
