import type { FilterPredicate } from '@backstage/filter-predicates';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** Teams (groups of type team) and components, whose owner team's quota they show. */
export const gpuQuotaEntityFilter: FilterPredicate = {
  $any: [
    { kind: 'group', 'spec.type': 'team' },
    { kind: 'component', 'spec.owner': { $exists: true } },
  ],
};

export const gpuQuotaEntityCard = EntityCardBlueprint.make({
  params: {
    filter: gpuQuotaEntityFilter,
    loader: () =>
      import('../components/EntityGpuQuotaCard').then(m => (
        <m.EntityGpuQuotaCard />
      )),
  },
});
