import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/**
 * The signed-in user's name to greet them with: their sign-in profile's, else their catalog
 * entry's (the guest sign-in has no profile of its own). Undefined until known, or when neither
 * has one.
 */
export function useDisplayName(userEntityRef?: string): string | undefined {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  const name = useAsync(async () => {
    const profile = await identityApi.getProfileInfo();
    if (profile.displayName) {
      return profile.displayName;
    }
    if (!userEntityRef) {
      return undefined;
    }
    const user = await catalogApi.getEntityByRef(userEntityRef);
    const displayName = (user?.spec?.profile as { displayName?: unknown })
      ?.displayName;
    return typeof displayName === 'string' ? displayName : undefined;
  }, [identityApi, catalogApi, userEntityRef]);
  return name.value;
}
