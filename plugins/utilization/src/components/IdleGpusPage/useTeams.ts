import { parseEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/** The signed-in user's teams (the groups they belong to), sorted. */
export function useOwnTeams() {
  const identityApi = useApi(identityApiRef);
  return useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return identity.ownershipEntityRefs
      .map(ref => parseEntityRef(ref))
      .filter(ref => ref.kind.toLocaleLowerCase('en-US') === 'group')
      .map(ref => ref.name)
      .sort((a, b) => a.localeCompare(b));
  }, [identityApi]);
}
