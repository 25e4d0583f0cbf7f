import type { FilterPredicate } from '@backstage/filter-predicates';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** Teams (groups of type team) and components, whose owner team's cost they show. */
export const costEntityFilter: FilterPredicate = {
  $any: [
    { kind: 'group', 'spec.type': 'team' },
    { kind: 'component', 'spec.owner': { $exists: true } },
  ],
};

export const costEntityCard = EntityCardBlueprint.make({
  params: {
    filter: costEntityFilter,
    loader: () =>
      import('../components/EntityCostCard').then(m => <m.EntityCostCard />),
  },
});
