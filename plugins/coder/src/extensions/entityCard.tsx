import type { FilterPredicate } from '@backstage/filter-predicates';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** ML projects (ml-model components) and users, whose own workspaces the card lists. */
export const coderEntityFilter: FilterPredicate = {
  $any: [{ kind: 'component', 'spec.type': 'ml-model' }, { kind: 'user' }],
};

export const coderWorkspacesCard = EntityCardBlueprint.make({
  name: 'workspaces',
  params: {
    filter: coderEntityFilter,
    loader: () =>
      import('../components/WorkspacesCard').then(m => <m.WorkspacesCard />),
  },
});
