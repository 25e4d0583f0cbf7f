import { parseEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

export type Teams = {
  /** Names of the catalog's teams (groups of spec.type team), sorted. */
  teams: string[];
  /** The first of them the signed-in user belongs to, to show first. */
  own?: string;
};

/**
 * The teams to pick from (the catalog's groups of spec.type team), and the signed-in user's own
 * team among them: the cost page, its keepers' card and the Idle GPUs page choose from these.
 */
export function useTeams() {
  const catalogApi = useApi(catalogApiRef);
  const identityApi = useApi(identityApiRef);
  return useAsyncRetry(async (): Promise<Teams> => {
    const [{ items }, identity] = await Promise.all([
      catalogApi.getEntities({
        filter: { kind: 'Group', 'spec.type': 'team' },
        fields: ['metadata.name'],
      }),
      // only a preselection: without an identity the first team is shown
      identityApi.getBackstageIdentity().catch(() => undefined),
    ]);
    const teams = [...new Set(items.map(e => e.metadata.name))].sort((a, b) =>
      a.localeCompare(b),
    );
    const own = (identity?.ownershipEntityRefs ?? [])
      .map(ref => parseEntityRef(ref))
      .filter(ref => ref.kind.toLocaleLowerCase('en-US') === 'group')
      .map(ref => ref.name)
      .find(name => teams.includes(name));
    return { teams, own };
  }, [catalogApi, identityApi]);
}
