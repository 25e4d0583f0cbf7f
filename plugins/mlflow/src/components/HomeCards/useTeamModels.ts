import type { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/** The catalog's components owned by the teams (ML models and projects), by name. */
export function useTeamComponents(teams: string[]) {
  const catalogApi = useApi(catalogApiRef);
  return useAsyncRetry(async (): Promise<Entity[]> => {
    if (teams.length === 0) {
      return [];
    }
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'Component',
        'relations.ownedBy': teams.map(t => `group:default/${t}`),
      },
    });
    return items.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  }, [catalogApi, teams.join(',')]);
}

/** The team an entity belongs to: the name of its owner group. */
export function ownerTeam(entity: Entity): string {
  const owner = String(entity.spec?.owner ?? '');
  return owner.slice(owner.lastIndexOf('/') + 1) || owner;
}
