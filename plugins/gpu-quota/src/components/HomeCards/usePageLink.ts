import { useRouteRef } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../../routes';

/** The GPU quotas page, when the app has it. */
export function useGpuQuotasPage(): string | undefined {
  const link = useRouteRef(rootRouteRef);
  try {
    return link?.();
  } catch {
    return undefined;
  }
}
