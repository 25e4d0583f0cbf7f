import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/**
 * The signed-in user's name to greet them with: their catalog entry's (the organisation's
 * directory), else their sign-in profile's. Some sign-ins have no profile (the guest) or only
 * repeat the user name (oauth2-proxy's forwarded user). Undefined until known, or when neither
 * has one.
 */
export function useDisplayName(userEntityRef?: string): string | undefined {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  const name = useAsync(async () => {
    const user = userEntityRef
      ? await catalogApi.getEntityByRef(userEntityRef).catch(() => undefined)
      : undefined;
    const displayName = (user?.spec?.profile as { displayName?: unknown })
      ?.displayName;
    if (typeof displayName === 'string' && displayName) {
      return displayName;
    }
    return (await identityApi.getProfileInfo()).displayName || undefined;
  }, [identityApi, catalogApi, userEntityRef]);
  return name.value;
}
