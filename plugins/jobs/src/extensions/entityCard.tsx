import type { FilterPredicate } from '@backstage/filter-predicates';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** Teams: groups of spec.type team. */
export const jobsEntityFilter: FilterPredicate = {
  kind: 'group',
  'spec.type': 'team',
};

export const jobsEntityCard = EntityCardBlueprint.make({
  name: 'jobs',
  params: {
    filter: jobsEntityFilter,
    loader: () =>
      import('../components/TeamJobsCard').then(m => <m.TeamJobsCard />),
  },
});
